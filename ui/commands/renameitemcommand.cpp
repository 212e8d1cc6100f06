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
    : ChangeValueCommand(document, {id}, {currentName(*document, id)}, name, &Document::setName,
                         QObject::tr("Rename to \"%1\"").arg(name), parent)
{}

} // namespace bulkhead
