"""gunicorn for the WIC Summit behind nginx (deploy/nginx/wic.conf): ``gunicorn --config deploy/gunicorn.conf.py``.

Read from the project directory with the production environment (deploy/wic.env.example); deploy/rehearsal.py
starts gunicorn with this file in CI.
"""

import os

wsgi_app = "wic.wsgi:application"
# Loopback only: nginx is the one client, and it serves the static files and uploads itself.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: nginx buffers slow clients, so a worker is busy only while Django works. 4 answer a summit's
# registration peak on 2 cores (bench/registration.py); WEB_CONCURRENCY is gunicorn's usual name for the count.
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "sync"
# A request still running after 30 s is killed and answered 500 by nginx's side; nginx waits 60 s, so it is
# gunicorn that decides. On a restart (systemctl reload: SIGHUP) workers finish their request within 30 s.
timeout = 30
graceful_timeout = 30
# A fresh worker now and then: a slow leak in a library never grows for the whole summit.
max_requests = 2000
max_requests_jitter = 200
# X-Forwarded-Proto is believed from nginx on this host only (wsgi.url_scheme); Django reads the same header
# through SECURE_PROXY_SSL_HEADER.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# To stdout (journald under systemd) unless a file is named; the client address is nginx's X-Forwarded-For.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms'
# Guests' tokens (their pages' signed links) out of the access log: request line, path and Referer.
logger_class = "core.access_log.RedactingGunicornLogger"
