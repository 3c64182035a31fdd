"""Persons, which records belong to them, human judgements and the history of splits and merges."""

from __future__ import annotations

from django.db import models

from rollcall.records.models import Record


class Person(models.Model):
    """One person as linkage and judgements currently see them; `public_id` never changes."""

    public_id = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField()
    created_by_run = models.ForeignKey("LinkRun", null=True, on_delete=models.SET_NULL, related_name="+")
    retired = models.BooleanField(default=False, help_text="No records left (merged into another person).")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.public_id


class Membership(models.Model):
    """That a record belongs to a person, as of the latest linkage run."""

    record = models.OneToOneField(Record, on_delete=models.CASCADE, related_name="membership")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    run = models.ForeignKey("LinkRun", on_delete=models.CASCADE, related_name="+")


class Judgement(models.Model):
    """A human's statement that two records are, or are not, the same person. The newest per pair wins,
    and always over the model."""

    SAME, DIFFERENT, UNSURE = "same", "different", "unsure"
    VERDICTS = [(SAME, "same person"), (DIFFERENT, "different people"), (UNSURE, "unsure")]

    record_a = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    record_b = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(max_length=16, choices=VERDICTS)
    author = models.CharField(max_length=255)
    reason = models.TextField()
    at = models.DateTimeField()
    model_probability = models.FloatField(null=True, help_text="What the model said when the human judged.")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["record_a", "record_b"])]


class LinkRun(models.Model):
    """One run of `rollcall link`: its settings, trained parameters and what it changed."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    actor = models.CharField(max_length=255)
    engine = models.CharField(max_length=16, default="duckdb")
    threshold = models.FloatField()
    records = models.IntegerField(default=0)
    pairs = models.IntegerField(default=0)
    persons = models.IntegerField(default=0)
    model = models.JSONField(default=dict, help_text="Splink settings with trained m and u values.")
    summary = models.JSONField(default=dict)

    class Meta:
        ordering = ["id"]


class PairScore(models.Model):
    """A candidate pair the latest run scored, kept for review (uncertain ones) and explanations."""

    run = models.ForeignKey(LinkRun, on_delete=models.CASCADE, related_name="pairs_scored")
    record_a = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    record_b = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    weight = models.FloatField()
    weights = models.JSONField(default=dict, help_text="Match weight each comparison contributed.")

    class Meta:
        indexes = [models.Index(fields=["run", "probability"])]


class PersonEvent(models.Model):
    """A change to a person between runs: created, merged (records joined from another person), split."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="events")
    run = models.ForeignKey(LinkRun, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)  # created | merged | split | retired
    other = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    records = models.JSONField(default=list)
    reason = models.TextField()
    at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
