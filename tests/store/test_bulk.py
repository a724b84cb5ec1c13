"""Multi-row inserts: every row lands, in order, whatever the count against the chunk size."""

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select
from sqlalchemy.orm import Session

from exercise.store.bulk import bulk_insert, rows_per_statement

TABLE = Table("t", MetaData(), Column("k", Integer, primary_key=True), Column("v", String))


@pytest.mark.parametrize(
    "count_of",
    [
        lambda size: 0,
        lambda size: 1,
        lambda size: size - 1,
        lambda size: size,
        lambda size: size + 1,
        lambda size: 3 * size + 7,
    ],
)
def test_every_row_is_inserted_in_order(tmp_path, count_of):
    size = rows_per_statement(TABLE)
    assert size == 450  # 900 bound values, two columns
    count = count_of(size)
    engine = create_engine(f"sqlite:///{tmp_path / 'b.db'}")
    TABLE.metadata.create_all(engine)
    rows = [(i, f"row {i}") for i in range(count)]
    with Session(engine) as s, s.begin():
        bulk_insert(s, TABLE, rows)
    with Session(engine) as s:
        assert [tuple(r) for r in s.execute(select(TABLE).order_by(TABLE.c.k))] == rows
    engine.dispose()
