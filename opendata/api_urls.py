from django.urls import path, re_path

from . import api, feeds, openapi, tables

app_name = "api"

v1 = [
    path("openapi.json", openapi.openapi, name="openapi"),
    path("methods/", api.method_list, name="methods"),
    path("methods.csv", tables.methods_csv, name="methods_csv"),
    path("methods/<slug:slug>/", api.method_detail, name="method"),
    path("evaluations/", api.evaluation_list, name="evaluations"),
    path("evaluations/<int:pk>/", api.evaluation_detail, name="evaluation"),
    path("vocabularies/", api.vocabularies, name="vocabularies"),
    path("organisations/", api.organisations, name="organisations"),
    path("regions/", api.regions, name="regions"),
    path("adoptions/", api.adoption_list, name="adoptions"),
    path("adoptions.csv", tables.adoptions_csv, name="adoptions_csv"),
    path("adoptions/<int:pk>/", api.adoption_detail, name="adoption"),
    path("training-records/", api.training_record_list, name="training_records"),
    path("training-records.csv", tables.training_records_csv, name="training_records_csv"),
    path("service-models/", api.service_model_list, name="service_models"),
    path("service-models.csv", tables.service_models_csv, name="service_models_csv"),
    path("service-models/<slug:slug>/", api.service_model_detail, name="service_model"),
    path("national-selections/", api.selection_list, name="national_selections"),
    path("national-selections.csv", tables.selections_csv, name="national_selections_csv"),
    path("feeds/evaluations.atom", api.feed_view(feeds.EvaluationFeed()), name="feed"),
    path(
        "feeds/methods/<slug:slug>.atom",
        api.feed_view(feeds.MethodEvaluationFeed()),
        name="method_feed",
    ),
    # The same feeds in one language each, whatever the reader's browser asks for.
    path(
        "feeds/evaluations.<str:language>.atom",
        api.feed_view(feeds.EvaluationFeed()),
        name="feed_in",
    ),
    path(
        "feeds/methods/<slug:slug>.<str:language>.atom",
        api.feed_view(feeds.MethodEvaluationFeed()),
        name="method_feed_in",
    ),
]

urlpatterns = [
    *[path(f"v1/{pattern.pattern}", pattern.callback, name=pattern.name) for pattern in v1],
    # Any other address under /api/ answers in JSON, as an API client expects; "." would miss
    # an address with a line break in it.
    re_path(r"^[\s\S]*$", api.not_found, name="not_found"),
]
