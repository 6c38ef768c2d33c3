package sohbet.telegram;

import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Telegram's own notes in a chat (someone joined or left, a pin, a new title or photo, topic edits,
 * video chats…): bookkeeping, not something said to a visitor, so the bot never answers them.
 */
final class ServiceMessage {
    private ServiceMessage() {
    }

    static boolean is(Message tm) {
        return tm.getNewChatMembers() != null && !tm.getNewChatMembers().isEmpty()
                || tm.getLeftChatMember() != null
                || tm.getPinnedMessage() != null
                || tm.getNewChatTitle() != null
                || tm.getNewChatPhoto() != null && !tm.getNewChatPhoto().isEmpty()
                || Boolean.TRUE.equals(tm.getDeleteChatPhoto())
                || Boolean.TRUE.equals(tm.getGroupchatCreated())
                || Boolean.TRUE.equals(tm.getSuperGroupCreated())
                || Boolean.TRUE.equals(tm.getChannelChatCreated())
                || tm.getMigrateToChatId() != null
                || tm.getMigrateFromChatId() != null
                || tm.hasForumTopicCreated() || tm.hasForumTopicClosed() || tm.hasForumTopicReopened() || tm.getForumTopicEdited() != null
                || tm.getGeneralForumTopicHidden() != null || tm.getGeneralForumTopicUnhidden() != null
                || tm.hasVideoChatStarted() || tm.hasVideoChatEnded() || tm.hasVideoChatScheduled() || tm.hasVideoChatParticipantsInvited()
                || tm.hasMessageAutoDeleteTimerChanged()
                || tm.hasWriteAccessAllowed()
                || tm.hasBoostAdded()
                || tm.getProximityAlertTriggered() != null;
    }
}
