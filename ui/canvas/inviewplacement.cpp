#include "inviewplacement.h"

#include <QGraphicsSceneEvent>
#include <QGraphicsView>

#include <algorithm>

namespace bulkhead {

namespace {

/** The start of a span of `length` at `start`, moved into [low, high] when it fits. */
qreal keptWithin(qreal start, qreal length, qreal low, qreal high)
{
    if (length > high - low)
        return start;
    return std::clamp(start, low, high - length);
}

} // namespace

QRectF keptInside(const QRectF &rect, const QRectF &area)
{
    if (area.isEmpty())
        return rect;
    return QRectF(QPointF(keptWithin(rect.left(), rect.width(), area.left(), area.right()),
                          keptWithin(rect.top(), rect.height(), area.top(), area.bottom())),
                  rect.size());
}

QRectF placedAround(const QPointF &point, const QSizeF &size, bool isBoundary)
{
    if (isBoundary)
        return QRectF(point, size);
    return QRectF(point - QPointF(size.width() / 2, size.height() / 2), size);
}

QRectF visibleSceneRect(const QGraphicsSceneEvent *event)
{
    const QWidget *viewport = event->widget();
    const auto *view = viewport ? qobject_cast<const QGraphicsView *>(viewport->parentWidget())
                                : nullptr;
    if (!view)
        return {};
    return view->mapToScene(view->viewport()->rect()).boundingRect();
}

} // namespace bulkhead
