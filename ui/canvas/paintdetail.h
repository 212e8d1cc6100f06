#pragma once

#include "core/modellimits.h"
#include "report/diagramstyle.h"

#include <QColor>
#include <QString>
#include <QPaintEngine>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <string>
#include <string_view>

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

/** The shared diagram description's colour (report/diagramstyle.h) as Qt's. */
inline QColor toQColor(const DiagramColor &color)
{
    return QColor(color.red, color.green, color.blue);
}

/**
 * `a` blended towards `b` by `amount` (0 gives `a`, 1 gives `b`), channel by channel, as
 * mixDiagramColors() blends them for the HTML report, so both draw the same colours.
 */
inline QColor mixColors(const QColor &a, const QColor &b, qreal amount)
{
    return toQColor(
        mixDiagramColors({a.red(), a.green(), a.blue()}, {b.red(), b.green(), b.blue()}, amount));
}

/**
 * A name as the canvas shows it: cut like a report cuts it (core/limits.h) before it becomes a
 * QString. The model may hold a name of any length in memory (a paste, the API), and shaping a
 * 5 MB one for each paint took seconds and hundreds of MiB; a label never shows more.
 */
inline QString shownName(std::string_view name)
{
    const std::string shown = elided(name, limits::maxReportNameLength);
    return QString::fromUtf8(shown.data(), qsizetype(shown.size()));
}

} // namespace bulkhead
