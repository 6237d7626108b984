"""Accounts the organizers give to outsiders who work on the site (jurors, forum teams): found or made by their
email address with no usable password, and a link to choose one (Django's password-reset token: it works once,
until the password is set, and for ``PASSWORD_RESET_TIMEOUT``). One place, so every invited account is made and
reached the same way."""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ..signed_links import link_url

if TYPE_CHECKING:  # the project's user model
    from django.contrib.auth.models import User


def account_for(address: str) -> "User":
    """The account with this address (the oldest, if several), or a new one named by it, with no usable password.

    Two invitations of one person at once may both make it: the second finds the first's by its name.
    """
    User = get_user_model()
    found = User._default_manager.filter(email__iexact=address).order_by("pk").first()
    if found is not None:
        return found
    base = username = address.lower()[:140]
    suffix = 1
    while User._default_manager.filter(username__iexact=username).exists():  # the name taken by another address
        suffix += 1
        username = f"{base}-{suffix}"
    user = User(username=username, email=address)
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        return User._default_manager.get(username=username)
    return user


def set_password_url(user, *, language: str) -> str:
    """The absolute address where ``user`` chooses a password, in ``language``."""
    return link_url("password_reset_confirm", language=language, kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user),
    })


def set_password_valid_until(invited_at: datetime.datetime | None) -> datetime.datetime | None:
    """When a set-password link sent at ``invited_at`` stops working (None if never sent)."""
    if invited_at is None:
        return None
    return invited_at + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
