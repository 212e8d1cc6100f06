#pragma once

#include <QColor>
#include <QLineF>
#include <QPen>
#include <QPointF>
#include <QRectF>
#include <QString>

class QPainter;

namespace bulkhead {

/**
 * How the canvas marks an item while comparing with another model. Each mark has its own
 * colour, its own line pattern and its own badge symbol, so it reads without colour too.
 */
enum class ChangeMark { Added, Changed, Removed };

/** What a mark sits on; manual threats and register entries have no shape on the canvas. */
enum class MarkedItem { Boundary, Element, Flow };

/**
 * One mark the canvas shows, worked out from the comparison's report. These are the UI's own
 * types: the diff's headers clash with document.h (both name an ItemChange), so code that
 * draws on the scene sees the comparison only through them.
 */
struct CanvasMark
{
    MarkedItem item = MarkedItem::Element;
    ChangeMark mark = ChangeMark::Changed;
    QString id;
    QString name;
    QString toolTip;
    /** Removed boundaries and elements: where the other model had them. */
    QRectF ghostArea;
    /** Removed flows: from border to border of their ends in the other model. */
    QLineF ghostLine;
};

QColor changeMarkColor(ChangeMark mark);
/** Added: solid; changed: dash-dot; removed: dashed. */
QPen changeMarkPen(ChangeMark mark, qreal width);
/** "+", "~" or "−". */
QString changeMarkSymbol(ChangeMark mark);
/** The badge disc centred at `centre`. */
QRectF changeBadgeRect(const QPointF &centre);
/** The mark's symbol in a disc of its colour. */
void paintChangeBadge(QPainter *painter, const QPointF &centre, ChangeMark mark);

} // namespace bulkhead
