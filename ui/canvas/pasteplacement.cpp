#include "pasteplacement.h"

#include "boundaryitem.h"
#include "diagramscene.h"
#include "inviewplacement.h"
#include "scenegeometry.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>

namespace bulkhead::pasteplacement {

namespace {

/** Calls `visit` with each pasted boundary and element that no other pasted one holds. */
template<typename Visit>
void forEachTopLevel(PastedItems &items, Visit visit)
{
    std::set<std::string> pastedBoundaries;
    for (const Boundary &b : items.boundaries)
        pastedBoundaries.insert(b.id);
    for (Boundary &b : items.boundaries) {
        if (!pastedBoundaries.contains(b.parent))
            visit(b.geometry, b.parent);
    }
    for (Element &e : items.elements) {
        if (!pastedBoundaries.contains(e.boundary))
            visit(e.geometry, e.boundary);
    }
}

QRectF topLevelBounds(PastedItems &items)
{
    QRectF bounds;
    forEachTopLevel(items, [&](const Rect &r, const std::string &) { bounds |= toQRect(r); });
    return bounds;
}

void moveAll(PastedItems &items, const QPointF &by)
{
    auto move = [&](Rect &r) {
        r.x += by.x();
        r.y += by.y();
    };
    for (Boundary &b : items.boundaries)
        move(b.geometry);
    for (Element &e : items.elements)
        move(e.geometry);
}

/** The boundary every top-level pasted item is in, or empty when they differ or sit in none. */
QString sharedContainer(PastedItems &items)
{
    std::set<std::string> containers;
    forEachTopLevel(items, [&](const Rect &, const std::string &c) { containers.insert(c); });
    return containers.size() == 1 ? QString::fromStdString(*containers.begin()) : QString();
}

} // namespace

void centreOn(PastedItems &items, const QPointF &point, const DiagramScene &scene)
{
    const QRectF bounds = topLevelBounds(items);
    if (bounds.isNull())
        return;
    const QPointF topLeft = point - QPointF(bounds.width() / 2, bounds.height() / 2);
    moveAll(items, scene.snapped(topLeft) - bounds.topLeft());
    forEachTopLevel(items, [&](const Rect &r, std::string &container) {
        container = scene.containerAt(toQRect(r).center(), nullptr).toStdString();
    });
}

void offsetWithinBoundary(PastedItems &items, double offset, const DiagramScene &scene)
{
    const QRectF bounds = topLevelBounds(items);
    if (bounds.isNull())
        return;
    QRectF moved = bounds.translated(offset, offset);
    if (const BoundaryItem *boundary = scene.boundaryItem(sharedContainer(items))) {
        // Inside by a grid step, so snapping the move cannot put it back on the border.
        const qreal inset = DiagramScene::gridSize;
        const QRectF interior = boundary->sceneShapeRect().adjusted(
            inset, BoundaryItem::titleHeight + inset, -inset, -inset);
        // Down and right first; in a corner, the other diagonals; squeezed in as a last resort
        // (which may cover the originals, but keeps the copies in their boundary).
        const QPointF diagonals[] = {
            {offset, offset}, {-offset, offset}, {offset, -offset}, {-offset, -offset}};
        const auto fits = std::find_if(
            std::begin(diagonals), std::end(diagonals),
            [&](const QPointF &d) { return interior.contains(bounds.translated(d)); });
        moved = fits != std::end(diagonals) ? bounds.translated(*fits)
                                            : keptInside(moved, interior);
    }
    moveAll(items, scene.snapped(moved.topLeft() - bounds.topLeft()));
}

} // namespace bulkhead::pasteplacement
