#include "renameitemcommand.h"

#include "core/itemref.h"
#include "document.h"

namespace bulkhead {

namespace {

QString currentName(const Document &document, const QString &id)
{
    const ItemRef item = findItem(document.model(), id.toStdString());
    return item ? QString::fromStdString(item.name()) : QString();
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
