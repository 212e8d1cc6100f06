#include "renameitemcommand.h"

#include "document.h"

namespace bulkhead {

namespace {

QString currentName(const Document &document, const QString &id)
{
    const std::string key = id.toStdString();
    const ThreatModel &m = document.model();
    if (const Element *e = m.findElement(key))
        return QString::fromStdString(e->name);
    if (const Boundary *b = m.findBoundary(key))
        return QString::fromStdString(b->name);
    if (const Flow *f = m.findFlow(key))
        return QString::fromStdString(f->name);
    return {};
}

} // namespace

RenameItemCommand::RenameItemCommand(Document *document, const QString &id, const QString &name,
                                     QUndoCommand *parent)
    : QUndoCommand(QObject::tr("Rename to \"%1\"").arg(name), parent)
    , m_document(document)
    , m_id(id)
    , m_oldName(currentName(*document, id))
    , m_newName(name)
{}

void RenameItemCommand::redo()
{
    m_document->setName(m_id, m_newName);
}

void RenameItemCommand::undo()
{
    m_document->setName(m_id, m_oldName);
}

} // namespace bulkhead
