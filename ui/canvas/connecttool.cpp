#include "connecttool.h"

#include "commands/additemscommand.h"
#include "document.h"
#include "elementitem.h"

#include <QGraphicsLineItem>
#include <QGraphicsSceneMouseEvent>
#include <QPalette>
#include <QUndoStack>

namespace bulkhead {

void ConnectTool::mousePressed(QGraphicsSceneMouseEvent *event)
{
    const QPointF pressPos = event->scenePos();
    cancel();
    if (const auto *source = qgraphicsitem_cast<ElementItem *>(scene()->nodeAt(pressPos, true))) {
        m_sourceId = source->id();
        const QPen pen(scene()->palette().color(QPalette::Highlight), 1.5, Qt::DashLine);
        m_line = scene()->addLine(QLineF(source->sceneShapeRect().center(), pressPos), pen);
        m_line->setZValue(100);
    }
    event->accept();
}

void ConnectTool::mouseMoved(QGraphicsSceneMouseEvent *event)
{
    if (!m_line) {
        scene()->defaultMouseEvent(event); // hovering
        return;
    }
    if (const ElementItem *source = sourceItem())
        m_line->setLine(QLineF(source->sceneShapeRect().center(), event->scenePos()));
    else
        cancel(); // the source went away: nothing left to connect
}

void ConnectTool::mouseReleased(QGraphicsSceneMouseEvent *event)
{
    const ElementItem *source = sourceItem();
    cancel();
    const auto *target = qgraphicsitem_cast<ElementItem *>(
        scene()->nodeAt(event->scenePos(), true));
    if (!source || !target || source == target)
        return;
    Document *document = scene()->document();
    const ThreatModel &model = document->model();
    Flow flow;
    flow.id = model.generateId("flow");
    flow.source = source->id().toStdString();
    flow.target = target->id().toStdString();
    ItemSnapshot snapshot;
    snapshot.flows.emplace_back(int(model.flows().size()), flow);
    document->undoStack()->push(new AddItemsCommand(document, snapshot, QObject::tr("Add flow")));
    scene()->selectIds({QString::fromStdString(flow.id)});
}

void ConnectTool::cancel()
{
    delete std::exchange(m_line, nullptr);
    m_sourceId.clear();
}

ElementItem *ConnectTool::sourceItem() const
{
    return m_sourceId.isEmpty() ? nullptr : scene()->elementItem(m_sourceId);
}

} // namespace bulkhead
