package app.pacer.surveys;

/** One question of a survey, numbered from 1. */
public record Question(int position, Kind kind, String text) {

    public enum Kind { SCALE, YES_NO, TEXT }
}
