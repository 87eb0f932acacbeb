from django import template

from evaluations.permissions import takes_part
from evaluations.tasks import TaskList, tasks_for

register = template.Library()


@register.simple_tag(takes_context=True)
def my_tasks(context) -> list[TaskList] | None:
    """The signed-in user's waiting work, for the admin home (templates/admin/index.html);
    None for someone outside the evaluation process (a regional coordinator)."""
    user = context["request"].user
    return tasks_for(user) if takes_part(user) else None
