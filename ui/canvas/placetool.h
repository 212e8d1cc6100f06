#pragma once

#include "canvastool.h"

#include <QSizeF>
#include <QString>

class QGraphicsRectItem;

namespace bulkhead {

struct ElementKind;

/**
 * Places one item of a kind: a click adds an element centred there, or a boundary of the
 * default size with its top-left corner there, kept inside the view; for a boundary kind, a drag draws the area it will take, and it adopts what
 * sits inside. Then the canvas goes back to the select tool.
 */
class PlaceTool : public CanvasTool
{
public:
    using CanvasTool::CanvasTool;

    DiagramScene::Tool kind() const override { return DiagramScene::Tool::Place; }

    QString placingKind() const { return m_kind; }
    void setPlacingKind(const QString &kind) { m_kind = kind; }

    void mousePressed(QGraphicsSceneMouseEvent *event) override;
    void mouseMoved(QGraphicsSceneMouseEvent *event) override;
    void mouseReleased(QGraphicsSceneMouseEvent *event) override;
    void cancel() override;

    /**
     * Adds an item of `kind` centred on `scenePos`, in the boundary there, as one undo step;
     * a boundary takes in the items of its level it covers. Returns the new id, or empty for
     * an unknown kind.
     */
    QString place(const QString &kind, const QPointF &scenePos, const QSizeF &size = QSizeF());
    /**
     * As place(), for a click or a drop at `scenePos`: the item has its default size and is
     * placed as placedAround() says, then moved (when it fits) wholly inside `visible`.
     */
    QString placeInView(const QString &kind, const QPointF &scenePos, const QRectF &visible);

private:
    /** Adds the item in `rect` (scene coordinates): place() once the rectangle is known. */
    QString addInRect(const QString &kind, const ElementKind &k, const QRectF &rect);

    QString m_kind;
    QPointF m_pressPos;
    /** The area a boundary being dragged out will take. */
    QGraphicsRectItem *m_rubberBoundary = nullptr;
};

} // namespace bulkhead
