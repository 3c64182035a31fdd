"""`rollcall user`: accounts with a role (researcher, editor, admin), and API tokens (issue, list, revoke)."""

from __future__ import annotations

import sys

import typer

from rollcall.cli.common import actor, console, emit_json, open_home
from rollcall.errors import InputError

app = typer.Typer(no_args_is_help=True)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise InputError("the password is empty")
    return password


@app.command("add")
def add(
    name: str = typer.Argument(..., help="User name to log in with."),
    role: str = typer.Option(..., "--role", help="researcher, editor or admin."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Create a user with a role, or change an existing user's role and password."""
    from rollcall.accounts.roles import ACCOUNT_ROLES

    if role not in ACCOUNT_ROLES:
        raise InputError(f"--role must be one of {', '.join(ACCOUNT_ROLES)}, not {role!r}")
    if not name.strip():
        raise InputError("the user name is empty")
    password = _password(password_stdin)
    open_home()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from rollcall.accounts import audit
    from rollcall.accounts.roles import set_role

    user, created = get_user_model().objects.get_or_create(username=name)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InputError("password refused: " + " ".join(exc.messages)) from exc
    user.set_password(password)
    set_role(user, role)
    audit.record(actor(), "user.add" if created else "user.update", name, role=role)
    if as_json:
        emit_json({"user": name, "role": role, "created": created})
    else:
        console.print(f"{'created' if created else 'updated'} {name} ({role})")


@app.command("token")
def token(name: str = typer.Argument(..., help="User the token acts as.")) -> None:
    """Issue an API bearer token for a user; it is printed once and stored only as a hash."""
    open_home()
    from rollcall.accounts import audit, tokens

    user = _user(name)
    issued = tokens.issue(user)
    audit.record(actor(), "token.issue", name)
    sys.stdout.write(issued + "\n")


def _user(name: str):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        raise InputError(f"no user {name!r} (create one with `rollcall user add`)")
    return user


def _token_dict(t) -> dict:
    return {"id": t.id, "user": t.user.get_username(), "created_at": t.created_at.isoformat(), "revoked": t.revoked}


@app.command("tokens")
def tokens_list(
    name: str = typer.Argument(..., help="User whose tokens to list."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON lines, one token per line."),
) -> None:
    """List a user's API tokens: id, when issued, whether revoked (the tokens themselves are never stored)."""
    open_home()
    from rollcall.accounts.models import ApiToken

    found = [_token_dict(t) for t in ApiToken.objects.filter(user=_user(name)).select_related("user").order_by("id")]
    for t in found:
        if as_json:
            emit_json(t)
        else:
            console.print(f"token {t['id']}  issued {t['created_at']}  {'revoked' if t['revoked'] else 'active'}")


@app.command("revoke")
def revoke(
    name: str = typer.Argument(..., help="User whose API tokens to revoke."),
    token_id: int = typer.Option(None, "--id", help="Only this token (ids from `rollcall user tokens`)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Revoke a user's active API tokens (all, or the one with --id); the API refuses them from then on."""
    open_home()
    from django.db import transaction

    from rollcall.accounts import audit
    from rollcall.accounts.models import ApiToken

    user = _user(name)
    active = ApiToken.objects.filter(user=user, revoked=False)
    if token_id is not None:
        if not ApiToken.objects.filter(user=user, id=token_id).exists():
            raise InputError(f"user {name!r} has no token {token_id} (see `rollcall user tokens {name}`)")
        active = active.filter(id=token_id)
    with transaction.atomic():
        ids = sorted(active.values_list("id", flat=True))
        ApiToken.objects.filter(id__in=ids).update(revoked=True)
        audit.record(actor(), "token.revoke", name, tokens=ids)
    if as_json:
        emit_json({"user": name, "revoked": ids})
    else:
        console.print(f"revoked {len(ids)} token(s) of {name}" + (f": {', '.join(map(str, ids))}" if ids else ""))
