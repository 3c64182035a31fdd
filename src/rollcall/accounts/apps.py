from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rollcall.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rollcall.accounts import signals

        signals.connect()
