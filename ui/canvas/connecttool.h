#pragma once

#include "canvastool.h"

class QGraphicsLineItem;

namespace bulkhead {

class ElementItem;

/** Draws a data flow: a drag from one element to another adds a flow between them. */
class ConnectTool : public CanvasTool
{
public:
    using CanvasTool::CanvasTool;

    DiagramScene::Tool kind() const override { return DiagramScene::Tool::Connect; }

    void mousePressed(QGraphicsSceneMouseEvent *event) override;
    void mouseMoved(QGraphicsSceneMouseEvent *event) override;
    void mouseReleased(QGraphicsSceneMouseEvent *event) override;
    void cancel() override;

private:
    ElementItem *m_source = nullptr;
    /** From the source's centre to the pointer while the flow is drawn. */
    QGraphicsLineItem *m_line = nullptr;
};

} // namespace bulkhead
