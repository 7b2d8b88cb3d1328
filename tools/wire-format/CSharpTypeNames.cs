using System.Reflection;

namespace ActorWelfare.WireFormat;

/// <summary>C# spellings of reflected types, fully qualified, with the nullability the domain declared.</summary>
internal static class CSharpTypeNames
{
    public static string Of(Type type, NullabilityInfo nullability)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return Of(underlying, nullability.GenericTypeArguments.Length > 0 ? nullability.GenericTypeArguments[0] : nullability) + "?";

        var name = type.IsArray
            ? Of(type.GetElementType()!, nullability.ElementType!) + "[]"
            : type.IsGenericType
                ? $"{Plain(type)}<{string.Join(", ", type.GetGenericArguments().Select((a, i) => Of(a, nullability.GenericTypeArguments[i])))}>"
                : Plain(type);
        return !type.IsValueType && nullability.ReadState == NullabilityState.Nullable ? name + "?" : name;
    }

    private static string Plain(Type type)
    {
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
        return type.DeclaringType is { } outer ? $"{Plain(outer)}.{name}" : $"global::{type.Namespace}.{name}";
    }
}
