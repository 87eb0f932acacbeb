from django.urls import path

from . import api

urlpatterns = [
    path("methods/", api.method_list, name="methods"),
    path("methods.csv", api.methods_csv, name="methods_csv"),
    path("methods/<slug:slug>/", api.method_detail, name="method"),
    path("vocabularies/", api.vocabularies, name="vocabularies"),
    path("organisations/", api.organisations, name="organisations"),
    path("regions/", api.regions, name="regions"),
]
