from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("open-data/"), views.open_data, name="open_data"),
]
