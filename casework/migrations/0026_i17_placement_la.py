"""Issue 17: the local authority whose area a placement is in (Annex A's "LA of Placement" and "Placement Location"),
recorded on the placement in the DfE's local authority numbers, held as a code list like the others (a council
that is reorganised is a change in the admin: the old number gets its last collection year, the new its first)."""

import importlib

from django.db import migrations, models

# The DfE's local authority numbers of England's 153 councils with children's services (the 2023 list: Cumbria split into
# Cumberland and Westmorland and Furness), by name; and the SSDA903 validator's codes for a placement outside England.
CODE_LISTS = {
    "la_number": ("Local authority (DfE number)", "Annex A", [
        ("301", "Barking and Dagenham"), ("302", "Barnet"), ("370", "Barnsley"),
        ("800", "Bath and North East Somerset"), ("822", "Bedford"), ("303", "Bexley"), ("330", "Birmingham"),
        ("889", "Blackburn with Darwen"), ("890", "Blackpool"), ("350", "Bolton"),
        ("839", "Bournemouth, Christchurch and Poole"), ("867", "Bracknell Forest"), ("380", "Bradford"),
        ("304", "Brent"), ("846", "Brighton and Hove"), ("801", "Bristol, City of"), ("305", "Bromley"),
        ("825", "Buckinghamshire"), ("351", "Bury"), ("381", "Calderdale"), ("873", "Cambridgeshire"),
        ("202", "Camden"), ("823", "Central Bedfordshire"), ("895", "Cheshire East"),
        ("896", "Cheshire West and Chester"), ("201", "City of London"), ("908", "Cornwall"),
        ("840", "County Durham"), ("331", "Coventry"), ("306", "Croydon"), ("942", "Cumberland"),
        ("841", "Darlington"), ("831", "Derby"), ("830", "Derbyshire"), ("878", "Devon"), ("371", "Doncaster"),
        ("838", "Dorset"), ("332", "Dudley"), ("307", "Ealing"), ("811", "East Riding of Yorkshire"),
        ("845", "East Sussex"), ("308", "Enfield"), ("881", "Essex"), ("390", "Gateshead"),
        ("916", "Gloucestershire"), ("203", "Greenwich"), ("204", "Hackney"), ("876", "Halton"),
        ("205", "Hammersmith and Fulham"), ("850", "Hampshire"), ("309", "Haringey"), ("310", "Harrow"),
        ("805", "Hartlepool"), ("311", "Havering"), ("884", "Herefordshire, County of"), ("919", "Hertfordshire"),
        ("312", "Hillingdon"), ("313", "Hounslow"), ("921", "Isle of Wight"), ("420", "Isles of Scilly"),
        ("206", "Islington"), ("207", "Kensington and Chelsea"), ("886", "Kent"),
        ("810", "Kingston upon Hull, City of"), ("314", "Kingston upon Thames"), ("382", "Kirklees"),
        ("340", "Knowsley"), ("208", "Lambeth"), ("888", "Lancashire"), ("383", "Leeds"), ("856", "Leicester"),
        ("855", "Leicestershire"), ("209", "Lewisham"), ("925", "Lincolnshire"), ("341", "Liverpool"),
        ("821", "Luton"), ("352", "Manchester"), ("887", "Medway"), ("315", "Merton"), ("806", "Middlesbrough"),
        ("826", "Milton Keynes"), ("391", "Newcastle upon Tyne"), ("316", "Newham"), ("926", "Norfolk"),
        ("812", "North East Lincolnshire"), ("813", "North Lincolnshire"), ("940", "North Northamptonshire"),
        ("802", "North Somerset"), ("392", "North Tyneside"), ("815", "North Yorkshire"), ("929", "Northumberland"),
        ("892", "Nottingham"), ("891", "Nottinghamshire"), ("353", "Oldham"), ("931", "Oxfordshire"),
        ("874", "Peterborough"), ("879", "Plymouth"), ("851", "Portsmouth"), ("870", "Reading"), ("317", "Redbridge"),
        ("807", "Redcar and Cleveland"), ("318", "Richmond upon Thames"), ("354", "Rochdale"), ("372", "Rotherham"),
        ("857", "Rutland"), ("355", "Salford"), ("333", "Sandwell"), ("343", "Sefton"), ("373", "Sheffield"),
        ("893", "Shropshire"), ("871", "Slough"), ("334", "Solihull"), ("933", "Somerset"),
        ("803", "South Gloucestershire"), ("393", "South Tyneside"), ("852", "Southampton"),
        ("882", "Southend-on-Sea"), ("210", "Southwark"), ("342", "St. Helens"), ("860", "Staffordshire"),
        ("356", "Stockport"), ("808", "Stockton-on-Tees"), ("861", "Stoke-on-Trent"), ("935", "Suffolk"),
        ("394", "Sunderland"), ("936", "Surrey"), ("319", "Sutton"), ("866", "Swindon"), ("357", "Tameside"),
        ("894", "Telford and Wrekin"), ("883", "Thurrock"), ("880", "Torbay"), ("211", "Tower Hamlets"),
        ("358", "Trafford"), ("384", "Wakefield"), ("335", "Walsall"), ("320", "Waltham Forest"),
        ("212", "Wandsworth"), ("877", "Warrington"), ("937", "Warwickshire"), ("869", "West Berkshire"),
        ("941", "West Northamptonshire"), ("938", "West Sussex"), ("213", "Westminster"),
        ("943", "Westmorland and Furness"), ("359", "Wigan"), ("865", "Wiltshire"), ("868", "Windsor and Maidenhead"),
        ("344", "Wirral"), ("872", "Wokingham"), ("336", "Wolverhampton"), ("885", "Worcestershire"), ("816", "York"),
        ("WAL", "Wales (outside England)"), ("SCO", "Scotland (outside England)"),
        ("NIR", "Northern Ireland (outside England)"),
    ]),
}


def load_code_lists(CodeList, Code):
    """This migration's list; the tests put it back with it after a test empties the tables."""
    importlib.import_module("casework.migrations.0014_i17_returns").load_code_lists(CodeList, Code, CODE_LISTS)


def load(apps, schema_editor):
    CodeList = apps.get_model("casework", "CodeList")
    if not CodeList.objects.filter(key__in=CODE_LISTS).exists():  # codes are never deleted: kept after a reversal
        load_code_lists(CodeList, apps.get_model("casework", "Code"))



class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0025_i17_return_interviews'),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.AddField(
            model_name='historicalplacement',
            name='la_code',
            field=models.CharField(blank=True, default='', max_length=3, verbose_name='Local authority the placement is in (DfE number)'),
        ),
        migrations.AddField(
            model_name='placement',
            name='la_code',
            field=models.CharField(blank=True, default='', max_length=3, verbose_name='Local authority the placement is in (DfE number)'),
        ),
    ]
