"""Plans hear about course registrations (see ``sync`` for why a signal and the tick).

Connected when imported: ``DevelopmentConfig.ready()`` imports this module.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from stegvis.courses.models import Registration, TaskCompletion

from . import sync


@receiver(post_save, sender=Registration, dispatch_uid="development.registration_saved")
def registration_saved(sender, instance: Registration, raw: bool = False, **kwargs) -> None:
    # A new registration has no plan activity linked yet (registering from the plan links it
    # afterwards; one from the catalogue is matched by the tick), and this runs under the
    # offering's row lock: skipping it keeps a registration rush short.
    if raw or kwargs.get("created"):
        return
    sync.sync_registration(instance.pk)


@receiver(post_save, sender=TaskCompletion, dispatch_uid="development.task_ticked")
@receiver(post_delete, sender=TaskCompletion, dispatch_uid="development.task_unticked")
def task_changed(sender, instance: TaskCompletion, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    sync.sync_registration(instance.registration_id)
