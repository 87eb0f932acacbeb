from django.urls import path

from . import views

app_name = "methods"

urlpatterns = [
    path("", views.method_list, name="list"),
    path("<slug:slug>/", views.method_detail, name="detail"),
]
