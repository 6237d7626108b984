"""What every app writes through core, one module per concern: ``queue`` (tasks enqueued after commit),
``outbox`` (emails written, then enqueued), ``delivery`` (an outbox row sent), ``audit`` (the audit trail),
``publication`` (publishing and unpublishing content) and ``organizers`` (the Organizers group).

Nothing is re-exported here: ``core.tasks`` imports ``delivery``, and ``outbox`` imports ``core.tasks``, so importing
one module must not import the others.
"""
