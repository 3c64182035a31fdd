from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "rollcall.web"
    label = "web"
