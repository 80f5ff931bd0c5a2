namespace ZabActors.Hocon;

/// <summary>The JSON type of a resolved value; HOCON keeps JSON's type system.</summary>
public enum HoconValueType
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}
