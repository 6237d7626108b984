"""URL configuration: the admin, the API under /api/v1/, the feeds, and the public site under /<lang>/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core import views as core_views
from core.health.views import ReadinessView
from core.seo import robots_txt
from website import accounts as website_accounts
from website.sitemaps import sitemap_xml

admin.site.site_header = _("WIC Summit administration")
admin.site.site_title = _("WIC Summit")
admin.site.index_title = _("Organizers' workspace")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("wic.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.health, name="health"),
    # Readiness for load balancers: database, cache, broker, worker heartbeat, outbox (core/health/).
    path("readyz", ReadinessView.as_view(), name="readiness"),
    path("summits/<int:year>/", include("forums.feed_urls")),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
]
urlpatterns += i18n_patterns(
    # The site's own sign-in, for accounts that are not organizers (jurors); organizers use the admin's.
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page="website:home"), name="logout"),
    path("accounts/signed-in/", website_accounts.signed_in, name="signed-in"),
    # A juror or a forum team member invited by the organizers sets their password here (awards/services/jurors.py
    # and teams/services/members.py send the link).
    path("accounts/password/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/password/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("summits/<int:year>/", include("guests.urls")),
    path("", include("website.urls")),
    path("", include("forums.urls")),
    path("", include("awards.urls")),
    path("", include("expo.urls")),
    path("", include("members.urls")),
    path("", include("reports.urls")),
    path("", include("delegations.urls")),
    path("", include("press.urls")),
    path("", include("visas.urls")),
    path("", include("teams.urls")),
    prefix_default_language=True,
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
