#include "reimportcommand.h"

#include "document.h"

#include <QCoreApplication>

namespace bulkhead {

ReimportCommand::ReimportCommand(Document *document, ThreatModel updated, QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("ReimportCommand", "Update from Deployment Files"),
                   parent)
    , m_document(document)
    , m_before(document->model())
    , m_after(std::move(updated))
{}

void ReimportCommand::undo()
{
    m_document->resetModel(m_before);
}

void ReimportCommand::redo()
{
    m_document->resetModel(m_after);
}

} // namespace bulkhead
