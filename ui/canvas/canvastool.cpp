#include "canvastool.h"

#include <QKeyEvent>

namespace bulkhead {

bool CanvasTool::keyPressed(QKeyEvent *event)
{
    // Escape leaves any tool but the select tool, which is where the canvas rests.
    if (event->key() != Qt::Key_Escape || kind() == DiagramScene::Tool::Select)
        return false;
    m_scene->setTool(DiagramScene::Tool::Select);
    return true;
}

} // namespace bulkhead
