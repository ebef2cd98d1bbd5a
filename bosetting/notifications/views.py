from django.http import HttpRequest, HttpResponse


def notification_list(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
