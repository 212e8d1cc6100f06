#pragma once

#include "itemtypes.h"
#include "nodeitem.h"

namespace bulkhead {

struct Boundary;
struct ElementKind;

/** A trust boundary: a dashed area with its name and kind, resizable from its corner. */
class BoundaryItem : public NodeItem
{
public:
    explicit BoundaryItem(const QString &id, QGraphicsItem *parent = nullptr);

    enum { Type = int(SceneItemType::Boundary) };
    int type() const override { return Type; }

    void sync(const Boundary &boundary, const ElementKind *kind);
    /** Whether a point (item coordinates) grabs the resize handle. */
    bool isOnResizeHandle(const QPointF &point) const;

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    /** The whole area: title bar, frame and empty interior all grab the boundary. */
    QPainterPath shape() const override;

    /** The resize grip's side: big enough to hit on the first try. */
    static constexpr qreal handleSize = 18;
    static constexpr qreal titleHeight = 24;

protected:
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    QString m_name;
    QString m_kind;
    QString m_kindName;
};

} // namespace bulkhead
