/// The outcome of checking input from a form or the API: the checked value, or the messages per field.
enum Checked<Value> {
    case valid(Value)
    case invalid([FormViews.FieldError])
}
