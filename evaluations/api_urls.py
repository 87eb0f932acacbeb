from django.urls import path

from . import api, openapi

urlpatterns = [
    path("openapi.json", openapi.openapi, name="openapi"),
    path("evaluations/", api.evaluation_list, name="evaluations"),
    path("evaluations/<int:pk>/", api.evaluation_detail, name="evaluation"),
    path("feeds/evaluations.atom", api.EvaluationFeed(), name="feed"),
    path("feeds/methods/<slug:slug>.atom", api.MethodEvaluationFeed(), name="method_feed"),
]
