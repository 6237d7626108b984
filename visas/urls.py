"""visas pages of the public site: the guest's visa letter page (by their own page's signed token) and the public
verification page a consulate opens from the letter's QR code."""

from django.urls import path

from . import views

app_name = "visas"

urlpatterns = [
    path("summits/<int:year>/registration/<str:token>/visa-letter/", views.letter_page, name="letter"),
    path("summits/<int:year>/registration/<str:token>/visa-letter/letter.pdf", views.letter_pdf, name="letter_pdf"),
    path("visa-letters/verify/<str:token>/", views.verify, name="verify"),
]
