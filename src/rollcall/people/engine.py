"""Scoring candidate pairs with Splink (Fellegi-Sunter), on DuckDB by default.

Two models share this code: `rollcall` compares names across scripts with our own `compare` (a DuckDB
Python function), ID numbers with a clerk's slips, exact birth dates, ages of every precision, the year a
detention began, how it ended (a sentence, a release, a death), sex, county, prefecture and township;
`baseline` is plain Splink with standard comparisons (Jaro-Winkler on the raw name strings, exact dates),
kept to measure what the cross-script work buys.

Parameters: u by random sampling; the prior (share of pairs that match) from deterministic rules; m fixed
at the values configured below, except for sex, which EM estimates on pairs blocked by name (and where EM
cannot run or drifts somewhere implausible, the configured value stands). Names were estimated too, on
pairs blocked by birth year and county, until it was measured that EM drove them somewhere implausible
and the configured values stood anyway, at half the time of training. Each comparison is
null unless both records carry its kind of evidence, so each m is a property of that evidence (how often
a true match's two records agree on it), not of the mix of sources. EM was measured to drift on these
corpora: blocked on names, the pairs it sees are mostly namesakes in one register, and at 100,000 records
it put 86% of true matches in "different ID numbers" (see docs/benchmarks.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa
from duckdb import sqltypes
from splink import Linker

logging.getLogger("splink").setLevel(logging.ERROR)

NameScore = Callable[[str, str], float]

# Share of true matches that the deterministic rules (same ID number; same name and birth year) find.
# ID numbers are in registers, rarely in testimonies or community lists, so these rules find a minority
# of matches: about a third in generated corpora, which mix the sources as leaks and testimonies do.
DETERMINISTIC_RECALL = 0.35
# Training (u sampling, EM, the prior) sees at most this many records, sampled with the seed.
TRAINING_RECORDS = 300_000

SCHEMA = pa.schema([
    ("unique_id", pa.int64()), ("source_id", pa.int64()), ("name", pa.string()), ("name_canon", pa.string()),
    ("name_keys", pa.list_(pa.string())), ("part_keys", pa.list_(pa.string())), ("name_parts", pa.int32()),
    ("part_canon", pa.string()), ("name_frame", pa.string()),
    ("father", pa.string()), ("sex", pa.string()),
    ("birth_date", pa.string()), ("birth_year", pa.int32()), ("birth_lo", pa.int32()), ("birth_hi", pa.int32()),
    ("id_number", pa.string()), ("county", pa.string()), ("household", pa.string()),
    ("detained_lo", pa.int32()), ("detained_hi", pa.int32()), ("id_body", pa.string()), ("id_digits", pa.string()),
    ("outcome", pa.string()), ("outcome_year", pa.int32()), ("sentence_years", pa.int32()),
    ("township", pa.string()),
])


@dataclass(slots=True)  # a million records make millions of pairs
class ScoredPair:
    """A candidate pair and what the model made of it."""

    a: int
    b: int
    probability: float
    weight: float
    # match weight (log2 Bayes factor) each comparison contributed; comparisons that said nothing (null for
    # this pair) are left out
    weights: dict[str, float]


def _else(cll, m: float, fixed: bool = True):
    """The level for all other comparisons, with its m (fixed unless EM is to estimate it)."""
    level = cll.ElseLevel().configure(m_probability=m)
    return level.configure(fix_m_probability=True) if fixed else level


def _level(cll, sql: str, label: str, m: float, tf: str | None = None, fixed: bool = True):
    """A level of a comparison: its SQL condition, label and m (fixed unless EM is to estimate it)."""
    level = cll.CustomLevel(sql, label_for_charts=label).configure(m_probability=m)
    if tf:
        # A common name agreeing says less than a rare one: u from how often this written name occurs.
        level = level.configure(tf_adjustment_column=tf, disable_tf_exact_match_detection=True,
                                tf_minimum_u_value=1e-4)
    if fixed:
        level = level.configure(fix_m_probability=True)
    return level


# Ages compared where a record has no whole birth date, by how wide the wider of the two birth-year ranges
# is: a year of birth, or an age on a dated form, spans at most three years; "about 30" on a dated form or
# an exact age on an undated list four to eight; "in his 40s" more.
AGE_SPANS = (("age", 0, 3), ("approximate_age", 4, 8), ("vague_age", 9, 200))


def _span_comparison(cll, cl, name: str, column: str, lo: int, hi: int, label: str, m: float, m_else: float,
                     null_also: str = ""):
    """Two spans (`column`_lo..`column`_hi) overlapping, for pairs whose wider span is lo..hi wide (null for
    the others, and where `null_also` holds)."""
    wider = f"greatest({column}_hi_l - {column}_lo_l, {column}_hi_r - {column}_lo_r)"
    return cl.CustomComparison(output_column_name=name, comparison_levels=[
        cll.CustomLevel(f"{column}_lo_l IS NULL OR {column}_lo_r IS NULL OR {null_also}"
                        f"NOT ({wider} BETWEEN {lo} AND {hi})").configure(is_null_level=True),
        _level(cll, f"{column}_lo_l <= {column}_hi_r AND {column}_lo_r <= {column}_hi_l", f"{label} ({name})", m),
        _else(cll, m_else),
    ])


# When a detention began, compared by how wide the wider of the two spans of months is: a register's date
# or a month a relative gives; a year, or a last contact months before.
DETAINED_SPANS = (("detained_month", 0, 7), ("detained", 8, 10_000))


def _rollcall_comparisons() -> list:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    # Each comparison is null unless both records can say something of its kind: a testimony's given name
    # alone, a register's exact birth date against "in his 40s", a prefecture-level hometown are each
    # compared apart. Were they levels of one comparison, a level's m would be the share of matches that
    # happen to carry that kind of evidence, which depends on the mix of sources and no prior can know.
    name = cl.CustomComparison(output_column_name="name", comparison_description="full names across scripts",
                               comparison_levels=[
        cll.CustomLevel("name_l IS NULL OR name_r IS NULL OR name_parts_l < 2 OR name_parts_r < 2")
           .configure(is_null_level=True),
        _level(cll, "rc_name_score(name_l, name_r) >= 0.97", "full names agree across scripts", 0.8, tf="name_frame"),
        _level(cll, "rc_name_score(name_l, name_r) >= 0.9", "full names nearly agree", 0.1, tf="name_frame"),
        _level(cll, "rc_name_score(name_l, name_r) >= 0.8", "full names mostly agree", 0.04),
        _level(cll, "rc_name_score(name_l, name_r) >= 0.65", "full names partly agree", 0.03),
        _else(cll, 0.03),
    ])
    # A given name is shared by thousands: its u follows how common that name is.
    given_names = cl.CustomComparison(output_column_name="given_names", comparison_levels=[
        cll.CustomLevel("name_l IS NULL OR name_r IS NULL OR name_parts_l <> 1 OR name_parts_r <> 1")
           .configure(is_null_level=True),
        _level(cll, "rc_name_score(name_l, name_r) >= 0.8", "two given names alone agree", 0.9,
               tf="part_canon"),
        _else(cll, 0.1),
    ])
    # Its u too, by the lone given name's frequency among lone given names (the whole name has no part_canon):
    # a testimony's "Abdulla" against Abdulla Qadir says less than its "Zulpiqar" against Zulpiqar Qurban.
    given_in_full = cl.CustomComparison(output_column_name="given_in_full", comparison_levels=[
        cll.CustomLevel("name_l IS NULL OR name_r IS NULL OR name_parts_l < 1 OR name_parts_r < 1 OR "
                        "(name_parts_l = 1) = (name_parts_r = 1)").configure(is_null_level=True),
        _level(cll, "rc_name_score(name_l, name_r) >= 0.65", "a given name alone agrees with a full name", 0.9,
               tf="part_canon"),
        _else(cll, 0.1),
    ])
    id_number = cl.CustomComparison(output_column_name="id_number", comparison_levels=[
        cll.CustomLevel("id_body_l IS NULL OR id_body_r IS NULL").configure(is_null_level=True),
        _level(cll, "id_number_l = id_number_r", "same ID number", 0.9),
        # a clerk's slip: the check character wrong or dropped, one digit mistyped, dropped or added, or two
        # digits swapped (the same digits, two apart)
        _level(cll, "levenshtein(id_body_l, id_body_r) <= 1 OR "
               "(id_digits_l = id_digits_r AND levenshtein(id_body_l, id_body_r) <= 2)",
               "ID one typing error apart", 0.07),
        _else(cll, 0.03),
    ])
    birth = cl.CustomComparison(output_column_name="birth", comparison_levels=[
        cll.CustomLevel("birth_year_l IS NULL OR birth_year_r IS NULL").configure(is_null_level=True),
        _level(cll, "birth_date_l = birth_date_r", "same birth date", 0.85),
        _level(cll, "birth_year_l = birth_year_r", "same birth year", 0.07),
        _level(cll, "abs(birth_year_l - birth_year_r) <= 1", "birth years one apart", 0.04),
        _else(cll, 0.04),
    ])
    ages = [_span_comparison(cll, cl, name, "birth", lo, hi, "ages agree", 0.95, 0.05,
                             null_also="(birth_year_l IS NOT NULL AND birth_year_r IS NOT NULL) OR ")
            for name, lo, hi in AGE_SPANS]
    # a later list may date the current detention (a transfer, a sentence), not the first: m 0.85
    detained = [_span_comparison(cll, cl, name, "detained", lo, hi, "taken in the same months", 0.85, 0.15)
                for name, lo, hi in DETAINED_SPANS]
    # How the detention ended, where both records say: the same sentence, a death or release in the same year.
    sentence = cl.CustomComparison(output_column_name="sentence", comparison_levels=[
        cll.NullLevel("sentence_years"),
        _level(cll, "sentence_years_l = sentence_years_r", "the same prison sentence", 0.9),
        _else(cll, 0.1),
    ])
    years_agree = "(outcome_year_l IS NULL OR outcome_year_r IS NULL OR abs(outcome_year_l - outcome_year_r) <= 1)"
    # where both give a sentence, `sentence` has said what agreeing on prison would
    outcome = cl.CustomComparison(output_column_name="outcome", comparison_levels=[
        cll.CustomLevel("outcome_l IS NULL OR outcome_r IS NULL OR "
                        "(sentence_years_l IS NOT NULL AND sentence_years_r IS NOT NULL)")
           .configure(is_null_level=True),
        _level(cll, f"outcome_l = 'died' AND outcome_r = 'died' AND {years_agree}", "both say died", 0.05),
        _level(cll, f"outcome_l = outcome_r AND {years_agree}", "the same outcome", 0.8),
        _level(cll, "outcome_l = outcome_r", "the same outcome, years apart", 0.01),
        _else(cll, 0.14),
    ])
    sex = cl.CustomComparison(output_column_name="sex", comparison_levels=[
        cll.NullLevel("sex"),
        _level(cll, "sex_l = sex_r", "same sex", 0.98, fixed=False),
        _else(cll, 0.02, fixed=False),
    ])
    county_level = "substr(county_{0}, 5, 2) <> '00'"
    county = cl.CustomComparison(output_column_name="county", comparison_levels=[
        cll.CustomLevel(f"county_l IS NULL OR county_r IS NULL OR NOT ({county_level.format('l')} AND "
                        f"{county_level.format('r')})").configure(is_null_level=True),
        _level(cll, "county_l = county_r", "same county", 0.95),
        _level(cll, "substr(county_l, 1, 4) = substr(county_r, 1, 4)", "same prefecture", 0.03),
        _else(cll, 0.02),
    ])
    township = cl.CustomComparison(output_column_name="township", comparison_levels=[
        cll.NullLevel("township"),
        _level(cll, "rc_name_score(township_l, township_r) >= 0.6", "the same township", 0.9),
        _else(cll, 0.1),
    ])
    # A testimony's hometown is often a prefecture or city ("Hotan": 653200): compared apart, against the
    # prefecture of the other record's county.
    prefecture = cl.CustomComparison(output_column_name="prefecture", comparison_levels=[
        cll.CustomLevel(f"county_l IS NULL OR county_r IS NULL OR ({county_level.format('l')} AND "
                        f"{county_level.format('r')}) OR substr(county_l, 3, 4) = '0000' OR "
                        "substr(county_r, 3, 4) = '0000'").configure(is_null_level=True),
        _level(cll, "substr(county_l, 1, 4) = substr(county_r, 1, 4)", "the same prefecture", 0.95),
        _else(cll, 0.05),
    ])
    # A Uyghur name's second part is the father's given name: where both names are whole, a father's name
    # column agreeing says again what the names said, so it is compared only beside a given name alone.
    father = cl.CustomComparison(output_column_name="father", comparison_levels=[
        cll.CustomLevel("father_l IS NULL OR father_r IS NULL OR (name_parts_l >= 2 AND name_parts_r >= 2)")
           .configure(is_null_level=True),
        _level(cll, "father_l = father_r", "same father's name", 0.9),
        _else(cll, 0.1),
    ])
    # A household address is shared by a whole family: its agreement says "same family", not "same person",
    # so it is shown on person pages but not compared here.
    return [name, given_names, given_in_full, id_number, birth, *ages, *detained, sentence, outcome, sex, county,
            prefecture, township, father]


def _baseline_comparisons() -> list:
    import splink.comparison_library as cl

    return [cl.JaroWinklerAtThresholds("name", [0.92, 0.8]), cl.ExactMatch("id_number"),
            cl.ExactMatch("birth_date"), cl.ExactMatch("sex"), cl.ExactMatch("county")]


# Homes that could be one person's: the same county where both records name one, else the same prefecture
# (a testimony's "Hotan"), or either unknown. Births that could be: year ranges overlapping, give or take a
# year where both are narrow (a typing error) and two where either is wide (an age misremembered).
_COUNTY_LEVEL = "(substr(l.county, 5, 2) <> '00' AND substr(r.county, 5, 2) <> '00')"
_SAME_HOME = f"substr(l.county, 1, 4) = substr(r.county, 1, 4) AND (l.county = r.county OR NOT {_COUNTY_LEVEL})"
_NARROW = "(l.birth_hi - l.birth_lo <= 3 AND r.birth_hi - r.birth_lo <= 3)"
_OVERLAP = ("(l.birth_lo IS NULL OR r.birth_lo IS NULL OR (l.birth_lo <= r.birth_hi + {0} AND "
            "r.birth_lo <= l.birth_hi + {0}))")
_BIRTH_COMPATIBLE = f"(CASE WHEN {_NARROW} THEN {_OVERLAP.format(1)} ELSE {_OVERLAP.format(2)} END)"
_SEX_COMPATIBLE = "(l.sex IS NULL OR r.sex IS NULL OR l.sex = r.sex)"
_HOME_UNKNOWN = "({0}.county IS NULL OR substr({0}.county, 3, 4) = '0000')"  # none, or only the province
# Something beyond a given name, home and age that two records could share: detentions begun in the same
# months, or a township named on both.
_MORE_TO_COMPARE = ("((l.detained_lo <= r.detained_hi AND r.detained_lo <= l.detained_hi) OR "
                    "(l.township IS NOT NULL AND r.township IS NOT NULL))")


def _blocking(model: str) -> list:
    """Candidate pairs: a shared name key (no slip keys) where homes and births could be one person's; the
    same ID number; the same birth date and county; a given name alone against a name sharing it, where
    homes, births and sex could be one person's and there is more to compare (detentions in the same
    months, or two townships).

    Registers repeat a few hundred names, so the pairs sharing a name key grow with the square of the
    records: at 100,000 records a shared name key alone made 130 pairs a record. The rules make 1.6 and
    lose 1.8% of true pairs; they let a million records link in about nine minutes. See docs/linkage.md
    for what each rule made and lost.
    """
    from splink import block_on

    if model == "baseline":
        return [block_on("name"), block_on("id_number"), block_on("birth_date", "county")]
    names = {"arrays_to_explode": ["name_keys"]}
    parts = {"arrays_to_explode": ["part_keys"]}
    # A home unknown, or a name of one part, on one side: each side apart, so that the condition on one side
    # filters its records before the join instead of every joined pair after it.
    return [
        {**names, "blocking_rule": f"l.name_keys = r.name_keys AND {_SAME_HOME} AND NOT "
                                   f"{_HOME_UNKNOWN.format('l')} AND {_BIRTH_COMPATIBLE}"},
        {**names, "blocking_rule": f"l.name_keys = r.name_keys AND {_HOME_UNKNOWN.format('l')} AND "
                                   f"{_BIRTH_COMPATIBLE}"},
        {**names, "blocking_rule": f"l.name_keys = r.name_keys AND {_HOME_UNKNOWN.format('r')} AND NOT "
                                   f"{_HOME_UNKNOWN.format('l')} AND {_BIRTH_COMPATIBLE}"},
        block_on("id_number"),
        block_on("birth_date", "county"),
        {**parts, "blocking_rule": f"l.part_keys = r.part_keys AND l.name_parts = 1 AND {_SAME_HOME} AND "
                                   f"{_BIRTH_COMPATIBLE} AND {_SEX_COMPATIBLE} AND {_MORE_TO_COMPARE}"},
        {**parts, "blocking_rule": f"l.part_keys = r.part_keys AND r.name_parts = 1 AND l.name_parts <> 1 AND "
                                   f"{_SAME_HOME} AND {_BIRTH_COMPATIBLE} AND {_SEX_COMPATIBLE} AND "
                                   f"{_MORE_TO_COMPARE}"},
    ]


def score_pairs(rows: Sequence[dict[str, Any]] | pa.Table, *, model: str = "rollcall",
                name_score: NameScore | None = None, min_probability: float = 0.01, seed: int = 42,
                engine: str = "duckdb") -> tuple[list[ScoredPair], dict]:
    """Train a model on the records and score every candidate pair; return pairs and the trained model.

    `engine` is "duckdb" (embedded, default) or "spark" (a local Spark session; needs the `spark` extra).
    The model is always trained on DuckDB, on at most TRAINING_RECORDS records, so both engines apply the
    same parameters and find the same persons; with Spark, blocking and scoring of every pair run there.
    """
    table = rows if isinstance(rows, pa.Table) else pa.Table.from_pylist(list(rows), schema=SCHEMA)
    if table.num_rows < 2:
        return [], {}
    training_table = table if table.num_rows <= TRAINING_RECORDS else _sample(table, TRAINING_RECORDS, seed)
    db_api, frame, fetch = _duckdb_backend(training_table, name_score)
    db_api.duckdb_con.execute("SET threads TO 1")  # DuckDB samples repeatably only on one thread
    linker = _train(db_api, frame, model, training_table.num_rows, seed)
    db_api.duckdb_con.execute("RESET threads")
    trained = linker.misc.save_model_to_json()
    if engine == "spark":
        from rollcall.people.spark import spark_backend

        db_api, frame, fetch = spark_backend(table, name_score)
        linker = Linker(frame, _settings_with(trained, model, "spark"), log_level=logging.ERROR)
    elif training_table is not table:
        db_api, frame, fetch = _duckdb_backend(table, name_score)
        linker = Linker(frame, trained, log_level=logging.ERROR)
    predictions = linker.inference.predict(threshold_match_probability=min_probability)
    pairs = [ScoredPair(min(a, b), max(a, b), float(p), float(w), weights)
             for a, b, p, w, weights in fetch(predictions)]
    return pairs, trained


def _settings(model: str, prior: float):
    from splink import SettingsCreator

    comparisons = _baseline_comparisons() if model == "baseline" else _rollcall_comparisons()
    return SettingsCreator(link_type="dedupe_only", comparisons=comparisons,
                           probability_two_random_records_match=prior,
                           blocking_rules_to_generate_predictions=_blocking(model),
                           retain_intermediate_calculation_columns=True, retain_matching_columns=False)


def _settings_with(trained: dict, model: str, dialect: str) -> dict:
    """The model's settings written for another SQL dialect, carrying the trained m, u and prior.

    A saved model's SQL is in the dialect it was trained in (DuckDB quotes names in a way Spark reads as
    strings), so the settings are built afresh for the target and the parameters copied level by level.
    """
    fresh = _settings(model, trained["probability_two_random_records_match"]).get_settings(dialect).as_dict()
    for comp, done in zip(fresh["comparisons"], trained["comparisons"], strict=True):
        for level, trained_level in zip(comp["comparison_levels"], done["comparison_levels"], strict=True):
            for key in ("m_probability", "u_probability"):
                if key in trained_level:
                    level[key] = trained_level[key]
    return fresh


def _sample(table: pa.Table, size: int, seed: int) -> pa.Table:
    """A seeded random sample of records for training (u, m and the prior do not need them all)."""
    import random

    rng = random.Random(seed)
    return table.take(sorted(rng.sample(range(table.num_rows), size)))


GAMMAS = ("name", "given_names", "given_in_full", "id_number", "birth", "age", "approximate_age", "vague_age",
          "detained_month", "detained", "sentence", "outcome", "sex", "county", "prefecture", "township",
          "father", "household", "birth_date")


def weight_columns(columns: Sequence[str]) -> tuple[list[str], list[str]]:
    """The comparisons present among a predictions table's columns, and for each the SQL of the weight it
    contributed: its level's match weight plus, where it has one, the adjustment for how common the value
    is (Splink keeps that apart)."""
    present = [g for g in GAMMAS if f"mw_{g}" in columns]
    exprs = [f"mw_{g} + coalesce(mw_tf_adj_{g}, 0)" if f"mw_tf_adj_{g}" in columns else f"mw_{g}"
             for g in present]
    return present, exprs


def _duckdb_backend(table: pa.Table, name_score: NameScore | None):
    from splink import DuckDBAPI

    con = duckdb.connect()
    if name_score is not None:
        con.create_function("rc_name_score", name_score, [sqltypes.VARCHAR, sqltypes.VARCHAR],
                            sqltypes.DOUBLE, side_effects=False)
    db_api = DuckDBAPI(connection=con)

    def fetch(predictions):
        rel = con.sql(f"SELECT * FROM {predictions.physical_name}")
        present, exprs = weight_columns(rel.columns)
        cols = ", ".join(["unique_id_l", "unique_id_r", "match_probability", "match_weight", *exprs])
        for r in con.sql(f"SELECT {cols} FROM {predictions.physical_name}").fetchall():
            weights = {g: round(v, 3) for g, v in zip(present, r[4:], strict=True) if v}
            yield r[0], r[1], r[2], r[3], weights

    return db_api, db_api.register(table), fetch


def _train(db_api, frame, model: str, n: int, seed: int):
    from splink import block_on

    # Prior until estimated: about one true match per record among n*(n-1)/2 pairs.
    prior = min(0.5, 2.0 / max(n, 4))
    settings = _settings(model, prior)
    linker = Linker(frame, settings, log_level=logging.ERROR)
    training = linker.training
    deterministic = ([block_on("id_number"), block_on("name", "birth_date")] if model == "baseline"
                     else [block_on("id_number"), block_on("name_canon", "birth_year")])
    _try(lambda: training.estimate_probability_two_random_records_match(deterministic, recall=DETERMINISTIC_RECALL))
    estimated = linker._settings_obj._probability_two_random_records_match
    if not 0 < estimated < 1:  # no deterministic matches in the data: keep the prior
        linker._settings_obj._probability_two_random_records_match = prior
    _try(lambda: training.estimate_u_using_random_sampling(max_pairs=min(2e6, n * 50), seed=seed))
    # (for our model, only sex is estimated: names are fixed, see the module's docstring)
    em_rules = [block_on("birth_date")] if model == "baseline" else [block_on("name_canon")]
    for rule in em_rules:
        before = linker.misc.save_model_to_json()
        try:
            training.estimate_parameters_using_expectation_maximisation(
                rule, fix_u_probabilities=True, fix_probability_two_random_records_match=True,
                estimate_without_term_frequencies=True, record_sample_proportion=min(1.0, 200_000 / n))
        except Exception as exc:  # degenerate EM (an empty level): keep the model as it was before
            logging.getLogger(__name__).info("EM on %s skipped: %s", rule, exc)
            linker = Linker(frame, before, log_level=logging.ERROR)
            training = linker.training
    return _keep_sane(linker, frame, model)


def _keep_sane(linker, frame, model_name: str):
    """Where EM drove a comparison somewhere implausible, put back the configured priors for it.

    Implausible: an agreement level that counts against a match (m below u), or any m so small that one
    level would veto a match on its own (below 1e-4). Small or skewed corpora do this; the priors are
    the documented fallback. Comparisons whose m is fixed were not estimated and are left as they are.
    """
    from splink import Linker

    model = linker.misc.save_model_to_json()
    configured = _baseline_comparisons() if model_name == "baseline" else _rollcall_comparisons()
    priors = {c["output_column_name"]: c for c in (x.get_comparison("duckdb").as_dict() for x in configured)}
    changed = []
    for comp in model["comparisons"]:
        levels = [lv for lv in comp["comparison_levels"] if not lv.get("is_null_level")]
        if all(lv.get("fix_m_probability") for lv in levels):
            continue
        agreeing = levels[:-1]  # the last level is "all other comparisons"
        bad = any((lv.get("m_probability") or 0) < (lv.get("u_probability") or 0) for lv in agreeing) or any(
            lv.get("m_probability") is not None and lv["m_probability"] < 1e-4 for lv in levels)
        if bad and comp["output_column_name"] in priors:
            prior_levels = priors[comp["output_column_name"]]["comparison_levels"]
            for lv, pl in zip(comp["comparison_levels"], prior_levels, strict=True):
                if "m_probability" in pl:
                    lv["m_probability"] = pl["m_probability"]
            changed.append(comp["output_column_name"])
    if not changed:
        return linker
    logging.getLogger(__name__).info("EM estimates replaced by priors for: %s", ", ".join(changed))
    return Linker(frame, model, log_level=logging.ERROR)


def _try(step: Callable[[], Any]) -> None:
    """Run a training step; keep the configured priors where the data cannot support it (too few pairs)."""
    try:
        step()
    except Exception as exc:  # Splink raises plain exceptions for empty blocks and degenerate EM
        logging.getLogger(__name__).info("training step skipped: %s", exc)
