#include "examplelibrary.h"

#include "io/modelreader.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace bulkhead {

QStringList exampleResourcePaths()
{
    QStringList paths;
    const QDir dir(QStringLiteral(":/examples"));
    for (const QString &name :
         dir.entryList({QStringLiteral("*.bulkhead.json")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

QList<BundledExample> bundledExamples()
{
    QList<BundledExample> examples;
    for (const QString &path : exampleResourcePaths()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = file.readAll();
        const auto loaded = readModelText(
            std::string_view(text.constData(), std::size_t(text.size())), path.toStdString());
        if (!loaded)
            continue;
        const ModelMetadata &meta = loaded->model.metadata();
        examples.append(
            {path,
             meta.title.empty() ? QFileInfo(path).fileName() : QString::fromStdString(meta.title),
             QString::fromStdString(meta.description)});
    }
    return examples;
}

ExamplesDialog::ExamplesDialog(QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("examplesDialog"));
    setWindowTitle(tr("Open Example"));
    m_list->setObjectName(QStringLiteral("exampleList"));
    m_list->setWordWrap(true);
    m_list->setSpacing(4);
    m_list->setTextElideMode(Qt::ElideNone);
    for (const BundledExample &example : bundledExamples()) {
        auto *item = new QListWidgetItem(example.title + QLatin1Char('\n') + example.description,
                                         m_list);
        item->setData(Qt::UserRole, example.resourcePath);
    }
    auto *hint = new QLabel(tr("Each example opens as a new, unsaved model."), this);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    QPushButton *open = buttons->button(QDialogButtonBox::Open);
    open->setEnabled(false);
    connect(m_list, &QListWidget::currentRowChanged, open,
            [open](int row) { open->setEnabled(row >= 0); });
    connect(m_list, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(hint);
    layout->addWidget(buttons);
    resize(640, 520);
}

QString ExamplesDialog::selectedPath() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

} // namespace bulkhead
