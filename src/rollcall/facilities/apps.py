from django.apps import AppConfig


class FacilitiesConfig(AppConfig):
    name = "rollcall.facilities"
    label = "facilities"
    default_auto_field = "django.db.models.BigAutoField"
