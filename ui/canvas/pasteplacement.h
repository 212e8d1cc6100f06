#pragma once

#include "core/submodel.h"

#include <QPointF>

namespace bulkhead {

class DiagramScene;

/**
 * Where pasted items go on the canvas. Both move every pasted boundary and element by the
 * same distance, so the block keeps its own layout, and snap the move to the grid.
 */
namespace pasteplacement {

/**
 * The block of pasted items (those in no other pasted boundary) centred on `point`; each of
 * them then sits in the boundary under its centre, as a dropped item would.
 */
void centreOn(PastedItems &items, const QPointF &point, const DiagramScene &scene);

/**
 * The block moved `offset` down and right of where it was copied. When the copied items share
 * a boundary, the copies stay inside it (below its title bar), so they do not straddle its
 * border: another diagonal is tried when down-right leaves it, and as a last resort the
 * block is pulled just inside.
 */
void offsetWithinBoundary(PastedItems &items, double offset, const DiagramScene &scene);

} // namespace pasteplacement

} // namespace bulkhead
