#include "comparisonoverlay.h"

#include "canvas/boundaryitem.h"
#include "canvas/diagramscene.h"
#include "canvas/elementitem.h"
#include "canvas/flowitem.h"
#include "canvas/itemtypes.h"
#include "changeoutlineitem.h"
#include "comparisoncontroller.h"
#include "ghostitem.h"

#include <utility>

namespace bulkhead {

ComparisonOverlay::ComparisonOverlay(DiagramScene *scene, ComparisonController *comparison,
                                     QObject *parent)
    : QObject(parent)
    , m_scene(scene)
    , m_comparison(comparison)
{
    connect(comparison, &ComparisonController::updated, this, &ComparisonOverlay::rebuild);
    connect(comparison, &ComparisonController::ended, this, &ComparisonOverlay::clear);
}

ComparisonOverlay::~ComparisonOverlay()
{
    clear();
}

void ComparisonOverlay::clear()
{
    for (const QPointer<ChangeOutlineItem> &outline : std::as_const(m_outlines))
        delete outline.data();
    for (const QPointer<GhostItem> &ghost : std::as_const(m_ghosts))
        delete ghost.data();
    m_outlines.clear();
    m_ghosts.clear();
}

void ComparisonOverlay::rebuild()
{
    clear();
    for (const CanvasMark &mark : m_comparison->canvasMarks()) {
        if (mark.mark == ChangeMark::Removed)
            addGhost(mark);
        else
            addOutline(mark);
    }
}

void ComparisonOverlay::addOutline(const CanvasMark &mark)
{
    QGraphicsItem *target = nullptr;
    switch (mark.item) {
    case MarkedItem::Boundary:
        target = m_scene->boundaryItem(mark.id);
        break;
    case MarkedItem::Element:
        target = m_scene->elementItem(mark.id);
        break;
    case MarkedItem::Flow:
        target = m_scene->flowItem(mark.id);
        break;
    }
    if (target)
        m_outlines << new ChangeOutlineItem(target, mark.mark, mark.toolTip);
}

void ComparisonOverlay::addGhost(const CanvasMark &mark)
{
    auto *ghost = mark.item == MarkedItem::Flow
                      ? new GhostItem(mark.id, mark.name, mark.ghostLine, mark.toolTip)
                      : new GhostItem(mark.item, mark.id, mark.name, mark.ghostArea, mark.toolTip);
    m_scene->addItem(ghost);
    m_ghosts << ghost;
}

ChangeOutlineItem *ComparisonOverlay::outlineOf(const QString &id) const
{
    for (ChangeOutlineItem *outline : outlines()) {
        if (diagramItemId(outline->parentItem()) == id)
            return outline;
    }
    return nullptr;
}

GhostItem *ComparisonOverlay::ghostOf(const QString &id) const
{
    for (GhostItem *ghost : ghosts()) {
        if (ghost->id() == id)
            return ghost;
    }
    return nullptr;
}

QList<ChangeOutlineItem *> ComparisonOverlay::outlines() const
{
    QList<ChangeOutlineItem *> alive;
    for (const QPointer<ChangeOutlineItem> &outline : m_outlines) {
        if (outline)
            alive << outline;
    }
    return alive;
}

QList<GhostItem *> ComparisonOverlay::ghosts() const
{
    QList<GhostItem *> alive;
    for (const QPointer<GhostItem> &ghost : m_ghosts) {
        if (ghost)
            alive << ghost;
    }
    return alive;
}

GhostItem *ComparisonOverlay::highlightGhost(const QString &id)
{
    GhostItem *found = nullptr;
    for (GhostItem *ghost : ghosts()) {
        const bool match = !id.isEmpty() && ghost->id() == id;
        ghost->setHighlighted(match);
        if (match)
            found = ghost;
    }
    return found;
}

} // namespace bulkhead
