"""The basket and named collections, saved across restarts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tangthu.archive.selection import Basket, Item, SelectionError


def test_basket_keeps_items_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "basket.json"
    b = Basket(path)
    a, p = Item("/r", "x/article.txt"), Item("/r", "x/article.txt", "1.jpg")
    assert b.add([a, p, a]) == 2
    assert b.add([a]) == 0
    again = Basket(path)
    assert again.items == [a, p]
    assert p in again and p.is_photo and p.key == "x/article.txt#1.jpg"
    again.remove([a])
    assert Basket(path).items == [p]
    again.clear()
    assert len(Basket(path)) == 0


def test_collections(tmp_path: Path) -> None:
    b = Basket(tmp_path / "b.json")
    a, c = Item("/r", "a/article.txt"), Item("/r", "c/article.txt")
    b.create("Lũ lụt 2024", [a])
    with pytest.raises(SelectionError):
        b.create("Lũ lụt 2024")
    assert b.add_to("Lũ lụt 2024", [a, c]) == 1
    b.rename("Lũ lụt 2024", "Bão lũ")
    assert Basket(tmp_path / "b.json").collections() == {"Bão lũ": [a, c]}
    assert b.remove_from("Bão lũ", [a]) == 1
    b.delete("Bão lũ")
    assert b.collections() == {}
    with pytest.raises(SelectionError):
        b.delete("Bão lũ")
    with pytest.raises(SelectionError):
        b.create("   ")


def test_item_parse() -> None:
    assert Item.parse("/r", "a\\b/article.txt#ảnh 1.jpg") == Item(
        "/r", "a/b/article.txt", "ảnh 1.jpg"
    )


def test_damaged_basket_file_starts_empty(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text("{not json")
    assert Basket(path).items == []


def test_moving_items_reorders_the_basket_and_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    b = Basket(path)
    a, c, d, e = (Item("/r", f"{x}/article.txt") for x in "acde")
    b.add([a, c, d, e])
    b.move([e], 0)  # to the top
    assert Basket(path).items == [e, a, c, d]
    b.move([e, a], 4)  # both, in their order, to the end
    assert Basket(path).items == [c, d, e, a]
    b.move([d], 3)  # before a
    assert b.items == [c, e, d, a]
    b.move([e, d], 2)  # onto itself: nothing changes
    assert b.items == [c, e, d, a]
