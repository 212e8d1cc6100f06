#include "modelpropertiesdialog.h"

#include "commands/changevaluecommand.h"
#include "core/limits.h"
#include "document.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QUndoStack>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

std::string str(const QString &text)
{
    return text.trimmed().toStdString();
}

QLineEdit *nameField(const std::string &value, const QString &objectName, QWidget *parent)
{
    auto *field = new QLineEdit(qs(value), parent);
    field->setObjectName(objectName);
    field->setMaxLength(int(limits::maxNameLength));
    return field;
}

/** Which field holds more than the file format allows, or empty when all fit. */
QString tooLong(const ModelMetadata &metadata)
{
    if (metadata.description.size() > limits::maxTextBytes)
        return QObject::tr("The description is longer than %1 KiB.")
            .arg(limits::maxTextBytes / 1024);
    for (const std::string &reviewer : metadata.reviewers)
        if (QString::fromStdString(reviewer).size() > qsizetype(limits::maxNameLength))
            return QObject::tr("A reviewer's name is longer than %1 characters.")
                .arg(limits::maxNameLength);
    return {};
}

} // namespace

ModelPropertiesDialog::ModelPropertiesDialog(Document *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("modelPropertiesDialog"));
    setWindowTitle(tr("Model Properties"));
    const ModelMetadata &current = document->model().metadata();
    m_title = nameField(current.title, QStringLiteral("titleField"), this);
    m_title->setPlaceholderText(qs(std::string(untitledModelTitle)));
    m_description = new QPlainTextEdit(qs(current.description), this);
    m_description->setObjectName(QStringLiteral("descriptionField"));
    m_description->setPlaceholderText(tr("What the model covers, its assumptions, what is out of "
                                         "scope"));
    m_owner = nameField(current.owner, QStringLiteral("ownerField"), this);
    m_owner->setPlaceholderText(tr("Person or team responsible"));
    QStringList reviewers;
    for (const std::string &reviewer : current.reviewers)
        reviewers << qs(reviewer);
    m_reviewers = new QPlainTextEdit(reviewers.join(QLatin1Char('\n')), this);
    m_reviewers->setObjectName(QStringLiteral("reviewersField"));
    m_reviewers->setPlaceholderText(tr("One name per line"));
    m_reviewers->setMaximumHeight(90);
    m_version = nameField(current.version, QStringLiteral("versionField"), this);
    m_version->setPlaceholderText(tr("e.g. 1.2, or 2026-03 review"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Owner:"), m_owner);
    form->addRow(tr("&Reviewers:"), m_reviewers);
    form->addRow(tr("&Version or date:"), m_version);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(520, 420);
}

ModelMetadata ModelPropertiesDialog::metadata() const
{
    ModelMetadata metadata;
    metadata.title = str(m_title->text());
    metadata.description = m_description->toPlainText().trimmed().toStdString();
    metadata.owner = str(m_owner->text());
    const QStringList lines = m_reviewers->toPlainText().split(QLatin1Char('\n'));
    for (const QString &line : lines)
        if (!line.trimmed().isEmpty())
            metadata.reviewers.push_back(str(line));
    metadata.version = str(m_version->text());
    return metadata;
}

void ModelPropertiesDialog::accept()
{
    const ModelMetadata edited = metadata();
    if (const QString problem = tooLong(edited); !problem.isEmpty()) {
        QMessageBox::warning(this, tr("Model Properties"), problem);
        return;
    }
    const ModelMetadata &current = m_document->model().metadata();
    if (edited != current) {
        m_document->undoStack()->push(new ChangeValueCommand<ModelMetadata>(
            m_document, {QString()}, {current}, edited,
            [](Document &document, const QString &, const ModelMetadata &value) {
                document.setMetadata(value);
            },
            tr("Edit model properties")));
    }
    QDialog::accept();
}

void ModelPropertiesDialog::edit(Document *document, QWidget *parent)
{
    ModelPropertiesDialog dialog(document, parent);
    dialog.exec();
}

} // namespace bulkhead
