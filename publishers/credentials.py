"""A publisher's secret, read where the plan points: an environment variable (token_env) or a secrets file
holding only the secret (token_file, as Docker and Kubernetes mount them). A missing one raises PlanError
naming the variable or file, never a value."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from crisis.errors import PlanError

MAX_SECRET_BYTES = 16_384


def read_secret(options: Mapping[str, str], path: str, environ: Mapping[str, str], what: str) -> str:
    """The secret of the publisher at `path` (e.g. statements.targets.x.publisher); `what` names it for people
    (e.g. "the X token")."""
    if "token_file" in options:
        file = Path(options["token_file"]).expanduser()
        try:
            if file.stat().st_size > MAX_SECRET_BYTES:
                raise PlanError(f"{path}.token_file", f"{file} is too large to hold only {what}")
            secret = file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            why = getattr(error, "strerror", None) or type(error).__name__
            raise PlanError(f"{path}.token_file", f"cannot read {what} from {file}: {why}") from None
        if not secret:
            raise PlanError(f"{path}.token_file", f"{file} is empty; it should hold {what}")
        return secret
    variable = options.get("token_env", "")
    secret = environ.get(variable, "").strip()
    if not secret:
        raise PlanError(f"{path}.token_env", f"environment variable {variable} ({what}) is not set")
    return secret
