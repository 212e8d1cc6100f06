#include "elementitem.h"
#include "paintdetail.h"

#include "catalog/deployment.h"
#include "catalog/elementkind.h"
#include "core/element.h"
#include "badgeplacement.h"
#include "kindicons.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <variant>

namespace bulkhead {

namespace {

/** The text in at most two lines of `width`, breaking between words, the rest elided. */
QString twoLines(const QString &text, const QFontMetricsF &metrics, qreal width)
{
    if (metrics.horizontalAdvance(text) <= width)
        return text;
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString first;
    int used = 0;
    for (; used < words.size(); ++used) {
        const QString candidate = first.isEmpty() ? words[used]
                                                  : first + QLatin1Char(' ') + words[used];
        if (metrics.horizontalAdvance(candidate) > width)
            break;
        first = candidate;
    }
    if (first.isEmpty()) // one long word: cut it across the two lines
        return metrics.elidedText(text, Qt::ElideRight, width);
    const QString rest = QStringList(words.mid(used)).join(QLatin1Char(' '));
    return first + QLatin1Char('\n') + metrics.elidedText(rest, Qt::ElideRight, width);
}

} // namespace

ElementItem::ElementItem(const QString &id, QGraphicsItem *parent)
    : NodeItem(id, parent)
{
    setZValue(10);
    // Text and icon are the costly part of a repaint; a cached picture per zoom level makes
    // dragging through a crowded diagram cheap.
    setCacheMode(DeviceCoordinateCache);
}

void ElementItem::sync(const Element &element, const ElementKind *kind)
{
    m_name = shownName(element.name);
    m_kind = QString::fromStdString(element.kind);
    m_kindName = kind ? QString::fromStdString(kind->displayName) : m_kind;
    m_role = kind ? static_cast<int>(kind->role) : 1;
    const ElementKind *deployed = kind ? deployedKindOf(*kind, element.properties) : nullptr;
    m_deployedKind = deployed ? QString::fromStdString(deployed->id) : QString();
    if (deployed)
        m_kindName = QObject::tr("%1 in a %2")
                         .arg(m_kindName, QString::fromStdString(deployed->displayName).toLower());
    const auto scope = element.properties.find("inScope");
    m_outOfScope = scope != element.properties.end() && std::holds_alternative<bool>(scope->second)
                   && !std::get<bool>(scope->second);
    update(); // the cached picture is stale
    setToolTip(QStringLiteral("%1\n%2 · %3").arg(m_name, m_kindName, id()));
    update();
}

QRectF ElementItem::iconRect() const
{
    const qreal iconSize = diagramstyle::elementIconSize;
    const qreal left = m_role == 2 ? diagramstyle::dataStoreIconLeft
                                   : diagramstyle::elementIconLeft;
    return QRectF(left, (size().height() - iconSize) / 2, iconSize, iconSize);
}

ElementItem::Label ElementItem::layOutLabel(const QFont &baseFont) const
{
    const QRectF r(QPointF(0, 0), size());
    const QRectF icon = iconRect();
    const QRectF textRect(icon.right() + diagramstyle::elementTextGap, 6,
                          r.width() - icon.right() - 14, r.height() - 12);
    Label label;
    label.nameFont = baseFont;
    label.nameFont.setPointSizeF(diagramstyle::elementNamePoints);
    label.nameFont.setBold(true);
    label.kindFont = baseFont;
    label.kindFont.setPointSizeF(diagramstyle::elementKindPoints);
    const QFontMetricsF nameMetrics(label.nameFont);
    const QFontMetricsF kindMetrics(label.kindFont);
    label.name = twoLines(m_name.isEmpty() ? QObject::tr("(unnamed)") : m_name, nameMetrics,
                          textRect.width());
    const int lines = label.name.contains(QLatin1Char('\n')) ? 2 : 1;
    const qreal blockHeight = nameMetrics.height() * 2 + kindMetrics.height();
    // Names may take two lines; the kind goes underneath in a quieter colour.
    label.nameRect = QRectF(
        textRect.left(), textRect.top() + std::max<qreal>(0, (textRect.height() - blockHeight) / 2),
        textRect.width(), nameMetrics.height() * 2);
    if (lines == 1)
        label.nameRect.translate(0, -nameMetrics.height() / 2); // one line: centre the block
    label.nameRect.setTop(label.nameRect.bottom() - nameMetrics.height() * lines);
    label.kindName = kindMetrics.elidedText(m_kindName, Qt::ElideRight, textRect.width());
    label.kindRect = QRectF(textRect.left(), label.nameRect.bottom(), textRect.width(),
                            kindMetrics.height());
    return label;
}

QRectF ElementItem::labelRect() const
{
    const QFont base = scene() ? scene()->font() : QFont();
    const Label label = layOutLabel(base);
    // As wide as the text drawn, not the room it was given, so a badge may sit beside it.
    qreal nameWidth = 0;
    const QFontMetricsF nameMetrics(label.nameFont);
    for (const QString &line : label.name.split(QLatin1Char('\n')))
        nameWidth = std::max(nameWidth, nameMetrics.horizontalAdvance(line));
    const qreal kindWidth = QFontMetricsF(label.kindFont).horizontalAdvance(label.kindName);
    return QRectF(label.nameRect.topLeft(), QSizeF(nameWidth, label.nameRect.height()))
        .united(QRectF(label.kindRect.topLeft(), QSizeF(kindWidth, label.kindRect.height())));
}

void ElementItem::placeBadge(const std::function<bool(const QRectF &sceneDisc)> &blocked)
{
    const QPointF centre = badgeplacement::chooseCentre(
        size(), m_badgeCount, labelRect(),
        [&](const QRectF &disc) { return blocked(mapRectToScene(disc)); });
    if (centre == m_badgeCentre)
        return;
    m_badgeCentre = centre;
    update();
}

void ElementItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette palette = scene() ? scene()->palette() : QPalette();
    const QRectF r(QPointF(0, 0), size());
    const qreal lod = levelOfDetail(painter, option);
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    // A quiet tint per DFD role, taken towards the palette so dark mode stays dark.
    const QColor tint = toQColor(elementRoleTint(ElementRole(std::clamp(m_role, 0, 2))));
    const QColor fill = mixColors(base, tint, diagramstyle::elementFillAmount);
    const QColor accent = mixColors(text, tint, diagramstyle::elementAccentAmount);

    QPen outline(isSelected() ? palette.color(QPalette::Highlight) : accent,
                 isSelected() ? 2.5 : diagramstyle::elementPenWidth);
    if (m_outOfScope)
        outline.setStyle(Qt::DashLine);
    painter->setPen(outline);
    painter->setBrush(fill);
    switch (m_role) {
    case 0: // external entity: a plain rectangle
        painter->drawRect(r);
        break;
    case 2: { // data store: open-ended parallel lines
        painter->setPen(Qt::NoPen);
        painter->drawRect(r);
        painter->setPen(outline);
        painter->drawLine(r.topLeft(), r.topRight());
        painter->drawLine(r.bottomLeft(), r.bottomRight());
        QPen sidePen = outline;
        sidePen.setWidthF(1);
        painter->setPen(sidePen);
        const qreal side = r.left() + diagramstyle::dataStoreSideInset;
        painter->drawLine(QPointF(side, r.top()), QPointF(side, r.bottom()));
        break;
    }
    default: // process: rounded
        painter->drawRoundedRect(r, diagramstyle::processRadius, diagramstyle::processRadius);
        break;
    }

    if (lod < 0.3) {
        paintBadge(painter, m_badgeCentre, m_badgeCount, m_badgeSeverity);
        return; // too small to read: shapes only, which keeps huge diagrams fast
    }
    const QRectF icon = iconRect();
    KindIcons::instance().draw(painter, icon, m_kind, accent);
    if (!m_deployedKind.isEmpty()) {
        // The kind it is deployed as, small on a disc at the role icon's lower right corner.
        const QRectF mark(icon.right() - 9, icon.bottom() - 9, 14, 14);
        painter->setPen(QPen(accent, 1));
        painter->setBrush(base);
        painter->drawEllipse(mark.adjusted(-1.5, -1.5, 1.5, 1.5));
        KindIcons::instance().draw(painter, mark.adjusted(1.5, 1.5, -1.5, -1.5), m_deployedKind,
                                   accent);
    }

    const Label label = layOutLabel(painter->font());
    painter->setFont(label.nameFont);
    painter->setPen(text);
    painter->drawText(label.nameRect, Qt::AlignLeft | Qt::AlignBottom, label.name);
    painter->setFont(label.kindFont);
    QColor quiet = text;
    quiet.setAlphaF(diagramstyle::elementKindOpacity);
    painter->setPen(quiet);
    painter->drawText(label.kindRect, Qt::AlignLeft | Qt::AlignTop, label.kindName);
    paintBadge(painter, m_badgeCentre, m_badgeCount, m_badgeSeverity);
}

} // namespace bulkhead
