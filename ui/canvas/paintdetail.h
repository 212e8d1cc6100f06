#pragma once

#include <QPaintEngine>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace bulkhead {

/** True when painting goes to a vector device (PDF, picture, SVG) rather than pixels. */
inline bool paintsVectors(const QPainter *painter)
{
    const QPaintEngine *engine = painter->paintEngine();
    if (!engine)
        return false;
    const QPaintEngine::Type type = engine->type();
    return type == QPaintEngine::Pdf || type == QPaintEngine::Picture || type == QPaintEngine::SVG;
}

/**
 * How much detail an item draws: on screen the zoom level, so that a huge diagram zoomed out
 * paints only shapes; on paper always full detail, since readers zoom into a PDF and its
 * text stays sharp at any size.
 */
inline qreal levelOfDetail(const QPainter *painter, const QStyleOptionGraphicsItem *option)
{
    return paintsVectors(painter) ? 1.0
                                  : option->levelOfDetailFromTransform(painter->worldTransform());
}

} // namespace bulkhead
