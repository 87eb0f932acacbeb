"""A tile map of Finland's wellbeing services counties: one equal square per region, placed in
its rough position (column west→east, row north→south). Drawn as inline SVG by the templates,
so there are no map tiles, no geodata downloads and no script; every map has the same facts
as a list beside it."""

from dataclasses import dataclass

TILE = 44  # pixels per tile, gap included
GAP = 4

POSITIONS: dict[str, tuple[int, int]] = {
    "lappi": (2, 0),
    "kp": (1, 1),
    "pp": (2, 1),
    "kai": (3, 1),
    "pohj": (0, 2),
    "ep": (1, 2),
    "ks": (2, 2),
    "ps": (3, 2),
    "pk": (4, 2),
    "sata": (0, 3),
    "pirk": (1, 3),
    "ph": (2, 3),
    "es": (3, 3),
    "vs": (0, 4),
    "kh": (1, 4),
    "keu": (2, 4),
    "kyme": (3, 4),
    "ek": (4, 4),
    "lu": (1, 5),
    "vake": (2, 5),
    "itu": (3, 5),
    "hel": (2, 6),
}
COLUMNS = 1 + max(column for column, _row in POSITIONS.values())
ROWS = 1 + max(row for _column, row in POSITIONS.values())
WIDTH = COLUMNS * TILE
HEIGHT = ROWS * TILE


@dataclass
class Tile:
    code: str
    name: str
    x: int
    y: int
    size: int
    status: str  # an AdoptionStatus value, or "" where the method is not recorded
    status_label: str

    @property
    def label_x(self) -> int:
        return self.x + self.size // 2

    @property
    def label_y(self) -> int:
        return self.y + self.size // 2 + 4


def tiles(regions, status_by_region: dict[int, tuple[str, str]]) -> list[Tile]:
    """A tile for every region with a known position, shaded by its status."""
    result = []
    for region in regions:
        if region.code not in POSITIONS:
            continue
        column, row = POSITIONS[region.code]
        status, label = status_by_region.get(region.pk, ("", ""))
        result.append(
            Tile(
                code=region.code,
                name=region.name,
                x=column * TILE,
                y=row * TILE,
                size=TILE - GAP,
                status=status,
                status_label=label,
            )
        )
    return result
