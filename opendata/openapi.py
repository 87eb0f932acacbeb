"""The OpenAPI 3 description of /api/v1/, built from the code so that it stays true.

The method list's query parameters come from the list page's own filter set.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse

from lib.languages import LANGUAGES
from methods.filters import MethodFilter

from .api import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, api_view

TRANSLATED = {
    "type": "object",
    "description": "The same text in Finnish (the master language), Swedish and English.",
    "properties": {lang: {"type": "string"} for lang in LANGUAGES},
}
ERROR = {
    "description": "A bad parameter (400) or an unknown record (404).",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "error": {
                        "type": "object",
                        "properties": {
                            "status": {"type": "integer"},
                            "message": {"type": "string"},
                            "parameter": {"type": "string"},
                        },
                    }
                },
            }
        }
    },
}
PAGING = [
    {
        "name": "page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1},
        "description": "Page number; `next` and `previous` give the neighbours.",
    },
    {
        "name": "page_size",
        "in": "query",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_PAGE_SIZE,
            "default": DEFAULT_PAGE_SIZE,
        },
    },
]


def page_of(schema_ref: str) -> dict:
    return {
        "type": "object",
        "properties": {
            "count": {"type": "integer"},
            "next": {"type": "string", "nullable": True},
            "previous": {"type": "string", "nullable": True},
            "results": {"type": "array", "items": {"$ref": schema_ref}},
        },
    }


def filter_parameters() -> list[dict]:
    parameters = []
    for name, filter_ in MethodFilter.base_filters.items():
        multiple = filter_.__class__.__name__.startswith(("ModelMultiple", "Multiple"))
        numeric = filter_.__class__.__name__ == "NumberFilter"
        schema: dict = {"type": "integer"} if numeric else {"type": "string"}
        if multiple:
            schema = {"type": "array", "items": schema}
        parameters.append(
            {
                "name": name,
                "in": "query",
                "schema": schema,
                "explode": True,
                "description": str(filter_.label),
            }
        )
    return parameters


def ok(schema: dict, description: str = "OK") -> dict:
    return {
        "200": {"description": description, "content": {"application/json": {"schema": schema}}},
        "304": {"description": "Not modified (send If-None-Match or If-Modified-Since)."},
    }


def document() -> dict:
    slug = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Kasvun tuki open data API",
            "version": "1",
            "description": (
                "The public registry of psychosocial methods for children, young people and "
                "families in Finland, with their evidence ratings. Read-only; data under "
                "CC BY 4.0. Every record has all three languages."
            ),
            "license": {
                "name": "CC BY 4.0",
                "url": "https://creativecommons.org/licenses/by/4.0/",
            },
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/methods/": {
                "get": {
                    "summary": "Published methods, filtered and searched as on the list page",
                    "parameters": [*filter_parameters(), *PAGING],
                    "responses": {**ok(page_of("#/components/schemas/Method")), "400": ERROR},
                }
            },
            "/methods/{slug}/": {
                "get": {
                    "summary": "One published method with all its details",
                    "parameters": [slug],
                    "responses": {**ok({"$ref": "#/components/schemas/Method"}), "404": ERROR},
                }
            },
            "/methods.csv": {
                "get": {
                    "summary": "The filtered list, or the whole registry, as CSV (UTF-8 with BOM)",
                    "parameters": filter_parameters(),
                    "responses": {
                        "200": {"description": "CSV", "content": {"text/csv": {}}},
                        "400": ERROR,
                    },
                }
            },
            "/evaluations/": {
                "get": {
                    "summary": "Published evaluations",
                    "parameters": [
                        {"name": "method", "in": "query", "schema": {"type": "string"}},
                        *PAGING,
                    ],
                    "responses": {**ok(page_of("#/components/schemas/Evaluation")), "400": ERROR},
                }
            },
            "/evaluations/{id}/": {
                "get": {
                    "summary": "One published evaluation with its criterion answers and studies",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {
                        **ok({"$ref": "#/components/schemas/Evaluation"}),
                        "404": ERROR,
                    },
                }
            },
            "/vocabularies/": {
                "get": {
                    "summary": "Every controlled vocabulary",
                    "responses": ok({"type": "object"}),
                }
            },
            "/organisations/": {
                "get": {
                    "summary": "Organisations",
                    "parameters": PAGING,
                    "responses": {**ok(page_of("#/components/schemas/Organisation")), "400": ERROR},
                }
            },
            "/regions/": {
                "get": {
                    "summary": "Wellbeing services counties and the City of Helsinki",
                    "parameters": PAGING,
                    "responses": {**ok(page_of("#/components/schemas/Region")), "400": ERROR},
                }
            },
            "/feeds/evaluations.atom": {
                "get": {
                    "summary": "Atom feed of new and updated evaluations",
                    "responses": {"200": {"description": "Atom"}},
                }
            },
            "/feeds/methods/{slug}.atom": {
                "get": {
                    "summary": "Atom feed of one method's evaluations",
                    "parameters": [slug],
                    "responses": {"200": {"description": "Atom"}, "404": ERROR},
                }
            },
        },
        "components": {
            "schemas": {
                "Translated": TRANSLATED,
                "Method": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "slug": {"type": "string"},
                        "url": {"$ref": "#/components/schemas/Translated"},
                        "name": {"$ref": "#/components/schemas/Translated"},
                        "summary": {"$ref": "#/components/schemas/Translated"},
                        "age_min": {"type": "integer"},
                        "age_max": {"type": "integer"},
                        "topics": {"type": "array", "items": {"type": "string"}},
                        "target_groups": {"type": "array", "items": {"type": "string"}},
                        "rating": {"type": "object", "nullable": True},
                        "updated_at": {"type": "string", "format": "date-time"},
                    },
                },
                "Evaluation": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "method": {"type": "string"},
                        "version": {"type": "integer"},
                        "scale": {"type": "string"},
                        "level": {"type": "integer", "nullable": True},
                        "level_key": {"type": "string"},
                        "published_on": {"type": "string", "format": "date", "nullable": True},
                    },
                },
                "Organisation": {
                    "type": "object",
                    "properties": {"id": {"type": "integer"}, "slug": {"type": "string"}},
                },
                "Region": {
                    "type": "object",
                    "properties": {"code": {"type": "string"}, "kind": {"type": "string"}},
                },
            }
        },
    }


@api_view
def openapi(request: HttpRequest) -> HttpResponse:
    return JsonResponse(document())
