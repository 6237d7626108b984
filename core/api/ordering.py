"""``?ordering=``, with a schema that says which orders a client can page through while rows change."""

from rest_framework import filters

from .pagination import PAGING_PROMISE


class OrderingFilter(filters.OrderingFilter):
    """DRF's, its parameter described per endpoint: the fields, the default, and what paging in each promises."""

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        fields = ", ".join(f"`{field}`" for field in getattr(view, "ordering_fields", None) or ["id"])
        default = ",".join(getattr(view, "ordering", None) or ["id"])
        for parameter in parameters:
            parameter["description"] = (
                f"Order by {fields}, with `-` first for descending. Default: `{default}`. {PAGING_PROMISE}"
            )
        return parameters
