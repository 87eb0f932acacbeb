from django.contrib import admin

from .models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "message", "email", "page", "language")
    readonly_fields = ("message", "email", "page", "language", "created_at")
    search_fields = ("message", "email", "page")

    def has_add_permission(self, request) -> bool:
        return False  # feedback comes through the accessibility statement
