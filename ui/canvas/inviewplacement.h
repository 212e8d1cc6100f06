#pragma once

#include <QRectF>

class QGraphicsSceneEvent;

namespace bulkhead {

/**
 * `rect` moved by the least distance that puts it inside `area`, axis by axis; an axis on
 * which it does not fit (or an empty `area`) is left as it was.
 */
QRectF keptInside(const QRectF &rect, const QRectF &area);

/**
 * Where a kind dropped or clicked at `point` goes: an element centred on it, a boundary with
 * its top-left corner there (centred, a new boundary would reach out of sight up and left).
 */
QRectF placedAround(const QPointF &point, const QSizeF &size, bool isBoundary);

/** The scene area shown by the view the event came through; empty when there is none. */
QRectF visibleSceneRect(const QGraphicsSceneEvent *event);

} // namespace bulkhead
