"""cleantext.dask on a real local cluster (two worker processes) and on the synchronous scheduler."""

import gzip
import json
import pickle
import subprocess
import sys

import pytest

pytest.importorskip("dask")
pytest.importorskip("distributed")

import dask
import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster

import cleantext.dask as cdask
from cleantext import Cleaner, Options
from cleantext.profile import learn_profile as learn_profile_in_one_pass
from cleantext.records import RecordFormat, clean_line, clean_records

SENTENCES = {
    "en": ["The council approved the new budget on Tuesday after a long debate about public transport.",
           "Opposition members said the plan would raise fares, while the mayor defended it on the radio.",
           "The budget takes effect in January and will be reviewed by an independent auditor next summer."],
    "de": ["Der Stadtrat hat am Dienstag nach einer langen Debatte den neuen Haushalt beschlossen.",
           "Die Opposition sagte, der Plan werde die Preise erhöhen, während der Bürgermeister ihn verteidigte."],
    "fr": ["Le conseil municipal a adopté mardi le nouveau budget après un long débat sur les transports.",
           "L'opposition estime que le plan fera monter les prix, ce que le maire conteste."],
}
EDGES = ["© 2024 City Herald. All rights reserved.", "Tous droits réservés",
         "Lesen Sie auch: Der Haushalt im Überblick", "Sign up for our newsletter", "- Ali Rabiei, spokesman"]
OPTIONS = Options(format="auto")
FMT = RecordFormat(field="text", output_field="clean")


def make_records(n=240):
    records = []
    for i in range(n):
        lang = ["en", "de", "fr"][i % 3]
        body = [SENTENCES[lang][(i + k) % len(SENTENCES[lang])] for k in range(1 + i % 4)]
        text = "\n\n".join([f"Headline number {i}", *body, EDGES[i % len(EDGES)]])
        records.append({"id": i, "url": f"https://site{i % 4}.example.com/{i}", "text": text})
    records[7] = {"id": 7, "text": None}
    records[11] = {"id": 11}
    records[13]["text"] = f"<html><body><article><p>{SENTENCES['en'][0]}</p><p>{EDGES[0]}</p></article></body></html>"
    return records


RECORDS = make_records()


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


def test_a_bag_on_a_cluster_equals_the_library(client):
    out = cdask.clean_bag(db.from_sequence(RECORDS, npartitions=8), OPTIONS, FMT).compute()
    assert out == list(clean_records(RECORDS, Cleaner(OPTIONS), FMT))
    assert out[7]["error"] == "field 'text' is null, not a string"


def test_each_worker_builds_one_cleaner_and_loads_profiles_once(client):
    cdask.clean_bag(db.from_sequence(RECORDS, npartitions=8), OPTIONS, FMT).compute()

    def worker_state():
        import cleantext.cleaner
        import cleantext.language.detector
        return cleantext.cleaner.cleaner_for.cache_info().currsize, cleantext.language.detector._factory is not None

    assert set(client.run(worker_state).values()) == {(1, True)}


def test_a_dataframe_column_on_a_cluster_equals_the_library(client):
    frame = pd.DataFrame({"id": [r["id"] for r in RECORDS], "text": [r.get("text") for r in RECORDS]})
    out = cdask.clean_column(dd.from_pandas(frame, npartitions=6), "text", OPTIONS, "clean").compute()
    cleaner = Cleaner(OPTIONS)
    expected = [cleaner.clean(t) if isinstance(t, str) else None for t in frame["text"]]
    assert [None if pd.isna(v) else v for v in out["clean"]] == expected
    assert list(out["id"]) == list(frame["id"])


def test_json_lines_files_in_and_out_on_a_cluster(client, tmp_path):
    lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS[:120]] + ["not json"]
    (tmp_path / "a.jsonl").write_text("\n".join(lines[:60]) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(lines[60:]) + "\n")
    bag = cdask.read_jsonl(str(tmp_path / "*.jsonl*"), OPTIONS, FMT)
    cdask.to_jsonl(bag, str(tmp_path / "out" / "part-*.jsonl"))
    written = [line for name in ("part-0.jsonl", "part-1.jsonl")
               for line in (tmp_path / "out" / name).read_text(encoding="utf-8").splitlines()]
    cleaner = Cleaner(OPTIONS)
    assert written == [clean_line(cleaner, line, FMT).line for line in lines]

    cdask.to_parquet(bag, str(tmp_path / "parquet"))
    table = pd.read_parquet(tmp_path / "parquet")
    assert [None if pd.isna(v) else v for v in table["clean"]] == [json.loads(w).get("clean") for w in written]
    assert table["error"].notna().sum() == 3  # null text, missing text, not JSON


def test_the_synchronous_scheduler_gives_the_same_records():
    with dask.config.set(scheduler="synchronous"):
        out = cdask.clean_bag(db.from_sequence(RECORDS[:60], npartitions=3), OPTIONS, FMT).compute()
    assert out == list(clean_records(RECORDS[:60], Cleaner(OPTIONS), FMT))


def test_a_profile_learned_per_partition_equals_one_pass():
    with dask.config.set(scheduler="synchronous"):
        merged = cdask.learn_profile(db.from_sequence(RECORDS, npartitions=5), exact_merge=True).compute()
    assert merged == learn_profile_in_one_pass(RECORDS, exact_merge=True)
    assert merged.sites  # something was learned: the same edge lines recur per site


def test_the_cleaner_travels_as_its_options():
    cleaner = Cleaner(OPTIONS)
    cleaner.clean(RECORDS[0]["text"])  # profiles and rules loaded in this process
    assert len(pickle.dumps(cleaner)) < 1000
    bag = cdask.clean_bag(db.from_sequence(RECORDS, npartitions=4), cleaner, FMT)
    graph_size = len(pickle.dumps(dict(bag.__dask_graph__())))
    assert graph_size < len(pickle.dumps(RECORDS)) + 20_000


def test_json_lines_with_blank_lines_give_the_command_s_records(tmp_path):
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS[:3]) + "\n\n  \n", encoding="utf-8")
    with dask.config.set(scheduler="synchronous"):
        out = cdask.read_jsonl(str(tmp_path / "a.jsonl"), OPTIONS, FMT).compute()
    assert out == list(clean_records(RECORDS[:3], Cleaner(OPTIONS), FMT))


def test_bad_options_fail_on_the_client_before_any_task():
    with pytest.raises(ValueError, match="unknown rule id 'titel'"):
        cdask.clean_bag(db.from_sequence(RECORDS[:4]), Options(disable=("titel",)))


def test_learning_while_streaming_is_refused():
    with pytest.raises(ValueError, match="learn_profile"):
        cdask.clean_bag(db.from_sequence(RECORDS[:4]), Options(learn=True))


def test_importing_cleantext_does_not_import_dask():
    code = "import sys, cleantext; cleantext.clean('A sentence.'); print('dask' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_without_dask_the_module_imports_and_says_what_is_missing():
    code = ("import sys; sys.modules['dask'] = None\n"
            "import cleantext.dask as c\n"
            "try:\n    c.read_jsonl('x.jsonl')\nexcept ImportError as err:\n    print(err)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "pip install 'cleantext-boilerplate[dask]'" in out
