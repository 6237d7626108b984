"""A minimal DRF endpoint with the project's default authentication and throttling, for the key tests."""

from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView


class WhoAmI(APIView):
    def get(self, request):
        return Response({"partner": getattr(request.auth, "partner", None)})


urlpatterns = [path("api/v1/whoami/", WhoAmI.as_view())]
