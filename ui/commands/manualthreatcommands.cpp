#include "manualthreatcommands.h"

#include "document.h"

namespace bulkhead {

AddManualThreatCommand::AddManualThreatCommand(Document *document, ManualThreat threat,
                                               QUndoCommand *parent)
    : QUndoCommand(QObject::tr("Add threat \"%1\"").arg(QString::fromStdString(threat.title)),
                   parent)
    , m_document(document)
    , m_threat(std::move(threat))
    , m_position(int(document->model().manualThreats().size()))
{
    if (m_threat.id.empty())
        m_threat.id = document->model().generateId("manual");
}

void AddManualThreatCommand::redo()
{
    m_document->insertManualThreat(m_position, m_threat);
}

void AddManualThreatCommand::undo()
{
    m_document->removeManualThreat(QString::fromStdString(m_threat.id));
}

RemoveManualThreatCommand::RemoveManualThreatCommand(Document *document, const QString &id,
                                                     QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_document(document)
{
    // The threat removeManualThreat() removes: the first with the id.
    m_position = document->model().manualThreatPosition(id.toStdString());
    if (m_position >= 0)
        m_threat = document->model().manualThreats()[std::size_t(m_position)];
    setText(QObject::tr("Delete threat \"%1\"").arg(QString::fromStdString(m_threat.title)));
}

void RemoveManualThreatCommand::redo()
{
    m_document->removeManualThreat(QString::fromStdString(m_threat.id));
}

void RemoveManualThreatCommand::undo()
{
    if (m_position >= 0)
        m_document->insertManualThreat(m_position, m_threat);
}

} // namespace bulkhead
